"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { useTRPC } from "@/lib/trpc/client";
import type { RouterOutputs } from "@/lib/trpc/types";
import styles from "./mcp.module.css";

type Connection = RouterOutputs["connections"]["list"][number];

/** The registry's servers with this user's status: connect (key, bearer header or OAuth), verify, revoke. */
export function ConnectionsList({ connected, error }: { connected: string | null; error: string | null }) {
  const trpc = useTRPC();
  const list = useQuery(trpc.connections.list.queryOptions());
  const [open, setOpen] = useState<string | null>(null);
  const justConnected = connected ? list.data?.find((c) => c.serverId === connected) : undefined;
  return (
    <div>
      {justConnected ? <Alert tone="success">Connected to {justConnected.name}.</Alert> : null}
      {error ? <Alert tone="error">{error}</Alert> : null}
      {list.error ? <Alert tone="error">{list.error.message}</Alert> : null}
      {list.isSuccess && list.data.length === 0 ? (
        <p className={styles.empty}>The registry has no servers yet.</p>
      ) : null}
      <ul className={styles.list} aria-label="Connections" style={{ marginTop: 16 }}>
        {(list.data ?? []).map((connection) => (
          <li key={connection.serverId} className={styles.card} aria-label={connection.name}>
            <ConnectionRow
              connection={connection}
              open={open === connection.serverId}
              onToggle={() => setOpen(open === connection.serverId ? null : connection.serverId)}
            />
          </li>
        ))}
      </ul>
    </div>
  );
}

function ConnectionRow({
  connection,
  open,
  onToggle,
}: {
  connection: Connection;
  open: boolean;
  onToggle: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.connections.list.pathKey() });
  const verify = useMutation(trpc.connections.verify.mutationOptions({ onSettled: () => invalidate() }));
  const revoke = useMutation(trpc.connections.revoke.mutationOptions({ onSettled: () => invalidate() }));
  const error = verify.error ?? revoke.error;
  return (
    <>
      <div className={styles.cardHead}>
        <div>
          <h2 className={styles.name}>{connection.name}</h2>
          <p className={styles.meta}>
            {connection.url} · {connection.toolCount} tools
            {connection.needsCredentials ? "" : " · no credentials needed"}
          </p>
        </div>
        <span className={styles.status} data-status={connection.status} data-testid="connection-status">
          {connection.status}
        </span>
      </div>
      {connection.description ? <p className={styles.description}>{connection.description}</p> : null}
      <div className={styles.actions}>
        <Button
          size="sm"
          variant={connection.status === "verified" ? "secondary" : "primary"}
          onClick={onToggle}
        >
          {connection.status === "verified" ? "Reconnect" : "Connect"}
        </Button>
        {connection.authorizationId && connection.status !== "revoked" ? (
          <>
            <Button
              size="sm"
              variant="secondary"
              loading={verify.isPending}
              onClick={() => verify.mutate({ authorizationId: connection.authorizationId as string })}
            >
              Verify
            </Button>
            <Button
              size="sm"
              variant="danger"
              loading={revoke.isPending}
              onClick={() => revoke.mutate({ authorizationId: connection.authorizationId as string })}
            >
              Revoke
            </Button>
          </>
        ) : null}
      </div>
      {verify.isSuccess ? <Alert tone="success">Verified: {verify.data.tools} tools available.</Alert> : null}
      {revoke.isSuccess ? (
        <Alert tone="success">
          Revoked; the credentials are deleted
          {revoke.data.revokedAtServer === false
            ? " (the authorization server did not confirm the revocation)"
            : ""}
          .
        </Alert>
      ) : null}
      {error ? <Alert tone="error">{error.message}</Alert> : null}
      {open ? (
        <ConnectForm
          serverId={connection.serverId}
          onDone={() => {
            onToggle();
            void invalidate();
          }}
        />
      ) : null}
    </>
  );
}

function ConnectForm({ serverId, onDone }: { serverId: string; onDone: () => void }) {
  const trpc = useTRPC();
  const [kind, setKind] = useState<"none" | "header" | "oauth">("header");
  const [header, setHeader] = useState("Authorization");
  const [value, setValue] = useState("");
  const connect = useMutation(
    trpc.connections.connect.mutationOptions({
      onSuccess: (result) => {
        if (result.status === "redirect") window.location.assign(result.authorizationUrl);
        else onDone();
      },
    }),
  );
  const fieldErrors = (connect.error?.data?.zodError?.fieldErrors ?? {}) as Record<
    string,
    string[] | undefined
  >;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (kind === "header") connect.mutate({ serverId, kind, header, value });
    else connect.mutate({ serverId, kind });
  }

  return (
    <form method="post" className={styles.form} onSubmit={onSubmit} aria-label="Connect">
      <fieldset className={styles.radios}>
        <legend className={styles.label}>Credentials</legend>
        {(
          [
            ["header", "API key or bearer token"],
            ["oauth", "Sign in (OAuth)"],
            ["none", "None"],
          ] as const
        ).map(([option, label]) => (
          <label key={option}>
            <input
              type="radio"
              name="kind"
              value={option}
              checked={kind === option}
              onChange={() => setKind(option)}
            />{" "}
            {label}
          </label>
        ))}
      </fieldset>
      {kind === "header" ? (
        <div className={styles.row}>
          <TextField
            label="Header"
            value={header}
            onChange={(event) => setHeader(event.target.value)}
            hint='For a bearer token keep "Authorization" and paste "Bearer …"; for an API key, the header the server reads (e.g. X-Api-Key).'
            error={fieldErrors.header?.[0]}
          />
          <TextField
            label="Key or token"
            type="password"
            autoComplete="off"
            value={value}
            onChange={(event) => setValue(event.target.value)}
            hint="Stored encrypted; never shown again."
            error={fieldErrors.value?.[0]}
          />
        </div>
      ) : null}
      {kind === "oauth" ? (
        <p className={styles.meta}>You will be sent to the server's sign-in page and brought back here.</p>
      ) : null}
      {connect.error && Object.keys(fieldErrors).length === 0 ? (
        <Alert tone="error">{connect.error.message}</Alert>
      ) : null}
      <div>
        <Button type="submit" loading={connect.isPending}>
          {kind === "oauth" ? "Continue to sign in" : "Connect and verify"}
        </Button>
      </div>
    </form>
  );
}
