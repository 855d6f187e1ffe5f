"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { useTRPC } from "@/lib/trpc/client";
import type { RouterInputs } from "@/lib/trpc/types";
import styles from "./mcp.module.css";
import { RegistryCard, type RegistryEntry } from "./registry-browser";

type EntryInput = RouterInputs["registry"]["add"];
const EMPTY: EntryInput = { name: "", url: "", type: "server", description: "", author: "", tags: [] };

/** Administrators: add, edit, remove and refresh registry entries. */
export function RegistryAdmin() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const list = useQuery(trpc.registry.list.queryOptions());
  const [editing, setEditing] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.registry.list.pathKey() });
  const refresh = useMutation(
    trpc.registry.refresh.mutationOptions({
      onSuccess: (result) => {
        setNotice(`Refreshed: ${result.tools} tools discovered.`);
        return invalidate();
      },
    }),
  );
  const remove = useMutation(trpc.registry.remove.mutationOptions({ onSuccess: () => invalidate() }));
  const error = refresh.error ?? remove.error;
  return (
    <div>
      <section className={styles.card} aria-labelledby="add-heading">
        <h2 id="add-heading" className={styles.name}>
          Add an entry
        </h2>
        <EntryForm
          initial={EMPTY}
          submitLabel="Add"
          onSaved={(text) => {
            setNotice(text);
            void invalidate();
          }}
        />
      </section>
      <div style={{ height: 16 }} />
      {notice ? <Alert tone="success">{notice}</Alert> : null}
      {error ? <Alert tone="error">{error.message}</Alert> : null}
      <ul className={styles.list} aria-label="Registry entries" style={{ marginTop: 16 }}>
        {(list.data ?? []).map((entry) => (
          <li key={entry.id} className={styles.card} aria-label={entry.name}>
            <RegistryCard entry={entry}>
              <div className={styles.actions}>
                {entry.type === "server" ? (
                  <Button
                    size="sm"
                    variant="secondary"
                    loading={refresh.isPending && refresh.variables?.id === entry.id}
                    onClick={() => refresh.mutate({ id: entry.id })}
                  >
                    Refresh
                  </Button>
                ) : null}
                <Button
                  size="sm"
                  variant="ghost"
                  onClick={() => setEditing(editing === entry.id ? null : entry.id)}
                >
                  Edit
                </Button>
                <Button
                  size="sm"
                  variant="danger"
                  loading={remove.isPending && remove.variables?.id === entry.id}
                  onClick={() => {
                    if (
                      window.confirm(`Remove "${entry.name}"? Every user's connection to it is deleted too.`)
                    ) {
                      remove.mutate({ id: entry.id });
                    }
                  }}
                >
                  Remove
                </Button>
              </div>
              {editing === entry.id ? (
                <EntryForm
                  id={entry.id}
                  initial={toInput(entry)}
                  submitLabel="Save"
                  onSaved={(text) => {
                    setEditing(null);
                    setNotice(text);
                    void invalidate();
                  }}
                />
              ) : null}
            </RegistryCard>
          </li>
        ))}
      </ul>
    </div>
  );
}

function toInput(entry: RegistryEntry): EntryInput {
  return {
    name: entry.name,
    url: entry.url ?? "",
    type: entry.type as EntryInput["type"],
    description: entry.description,
    author: entry.author,
    tags: entry.tags,
  };
}

function EntryForm({
  id,
  initial,
  submitLabel,
  onSaved,
}: {
  id?: string;
  initial: EntryInput;
  submitLabel: string;
  onSaved: (notice: string) => void;
}) {
  const trpc = useTRPC();
  const [values, setValues] = useState(initial);
  const [tags, setTags] = useState(initial.tags?.join(", ") ?? "");
  const savedNotice = (result: { needsAuthorization: boolean; tools?: number }) =>
    result.needsAuthorization
      ? "Saved. The server asks for credentials: connect to it on the Connections page, then refresh it here."
      : `Saved${result.tools !== undefined ? `: ${result.tools} tools discovered` : ""}.`;
  const add = useMutation(
    trpc.registry.add.mutationOptions({
      onSuccess: (result) => {
        setValues(EMPTY);
        setTags("");
        onSaved(savedNotice(result));
      },
    }),
  );
  const update = useMutation(
    trpc.registry.update.mutationOptions({ onSuccess: (result) => onSaved(savedNotice(result)) }),
  );
  const mutation = id ? update : add;
  const fieldErrors = (mutation.error?.data?.zodError?.fieldErrors ?? {}) as Record<
    string,
    string[] | undefined
  >;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const entry: EntryInput = {
      ...values,
      url: values.url?.trim() ? values.url.trim() : null,
      tags: tags
        .split(",")
        .map((t) => t.trim())
        .filter(Boolean),
    };
    if (id) update.mutate({ id, entry });
    else add.mutate(entry);
  }

  const set = (key: keyof EntryInput) => (event: { target: { value: string } }) =>
    setValues({ ...values, [key]: event.target.value });
  return (
    <form
      method="post"
      className={styles.form}
      onSubmit={onSubmit}
      aria-label={id ? `Edit ${initial.name}` : "Add a registry entry"}
    >
      <div className={styles.row}>
        <TextField
          label="Name"
          value={values.name}
          onChange={set("name")}
          error={fieldErrors.name?.[0]}
          required
        />
        <label className={styles.label}>
          Type
          <select className={styles.select} value={values.type} onChange={set("type")}>
            <option value="server">server</option>
            <option value="tool">tool</option>
            <option value="client">client</option>
          </select>
        </label>
      </div>
      <TextField
        label="URL"
        placeholder="https://example.com/mcp"
        value={values.url ?? ""}
        onChange={set("url")}
        hint="The server's MCP endpoint (Streamable HTTP or SSE). Entries that are not servers may leave it empty."
        error={fieldErrors.url?.[0]}
      />
      <div className={styles.row}>
        <TextField label="Author" value={values.author ?? ""} onChange={set("author")} />
        <TextField
          label="Tags"
          value={tags}
          onChange={(event) => setTags(event.target.value)}
          hint="Comma separated"
        />
      </div>
      <label className={styles.label}>
        Description
        <textarea
          className={styles.textarea}
          rows={2}
          value={values.description ?? ""}
          onChange={set("description")}
        />
      </label>
      {mutation.error && Object.keys(fieldErrors).length === 0 ? (
        <Alert tone="error">{mutation.error.message}</Alert>
      ) : null}
      <div>
        <Button type="submit" loading={mutation.isPending}>
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}
