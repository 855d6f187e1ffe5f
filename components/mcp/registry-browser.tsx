"use client";

import { useQuery } from "@tanstack/react-query";
import { useDeferredValue, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { useTRPC } from "@/lib/trpc/client";
import type { RouterOutputs } from "@/lib/trpc/types";
import styles from "./mcp.module.css";

export type RegistryEntry = RouterOutputs["registry"]["list"][number];

/** Everyone's view of the registry: search (names, descriptions, tools) and a tag filter. */
export function RegistryBrowser() {
  const trpc = useTRPC();
  const [search, setSearch] = useState("");
  const [tag, setTag] = useState<string | null>(null);
  const deferred = useDeferredValue(search);
  const all = useQuery(trpc.registry.list.queryOptions());
  const filtered = useQuery(
    trpc.registry.list.queryOptions({ search: deferred || undefined, tag: tag ?? undefined }),
  );
  const tags = [...new Set((all.data ?? []).flatMap((entry) => entry.tags))].sort();
  const entries = filtered.data ?? [];
  return (
    <div>
      <div className={styles.toolbar}>
        <input
          className={styles.search}
          type="search"
          placeholder="Search servers and tools"
          aria-label="Search the registry"
          value={search}
          onChange={(event) => setSearch(event.target.value)}
        />
        {tags.map((name) => (
          <button
            key={name}
            type="button"
            className={styles.chip}
            aria-pressed={tag === name}
            onClick={() => setTag(tag === name ? null : name)}
          >
            {name}
          </button>
        ))}
      </div>
      {filtered.error ? <Alert tone="error">{filtered.error.message}</Alert> : null}
      {filtered.isSuccess && entries.length === 0 ? (
        <p className={styles.empty}>Nothing in the registry matches.</p>
      ) : null}
      <ul className={styles.list} aria-label="Registry entries">
        {entries.map((entry) => (
          <li key={entry.id} className={styles.card} aria-label={entry.name}>
            <RegistryCard entry={entry} />
          </li>
        ))}
      </ul>
    </div>
  );
}

export function RegistryCard({ entry, children }: { entry: RegistryEntry; children?: React.ReactNode }) {
  return (
    <>
      <div className={styles.cardHead}>
        <div>
          <h2 className={styles.name}>{entry.name}</h2>
          <p className={styles.meta}>
            {[
              entry.type,
              entry.author && `by ${entry.author}`,
              entry.server && `${entry.server.name} ${entry.server.version}`,
              entry.server?.transport,
            ]
              .filter(Boolean)
              .join(" · ")}
          </p>
        </div>
        <span className={styles.tag}>{entry.tools.length} tools</span>
      </div>
      {entry.description ? <p className={styles.description}>{entry.description}</p> : null}
      {entry.tags.length ? (
        <div className={styles.tags}>
          {entry.tags.map((name) => (
            <span key={name} className={styles.tag}>
              {name}
            </span>
          ))}
        </div>
      ) : null}
      {entry.needsAuthorization ? (
        <p className={styles.meta}>Needs credentials: connect to it on the Connections page to use it.</p>
      ) : null}
      {entry.tools.length ? (
        <details className={styles.tools}>
          <summary>
            Tools
            {entry.discoveredAt ? ` (discovered ${new Date(entry.discoveredAt).toLocaleString("en")})` : ""}
          </summary>
          <ul>
            {entry.tools.map((tool) => (
              <li key={tool.name}>
                <code>{tool.name}</code>
                {tool.description ? ` — ${tool.description}` : ""}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      {children}
    </>
  );
}
