"use client";

import { useMemo, useState } from "react";
import { NODE_SPECS, NODE_TYPES, type NodeType } from "@/lib/graph/nodes";
import type { RegistryServer } from "@/lib/trpc/types";
import styles from "./editor.module.css";

export type SearchPick = { type: NodeType; serverId?: string; tool?: string };
type Entry = SearchPick & { key: string; title: string; subtitle: string };

/** Cmd/Ctrl+K: find a node type or a registry tool by name and add it. */
export function CommandSearch({
  registry,
  onPick,
  onClose,
}: {
  registry: RegistryServer[];
  onPick: (pick: SearchPick) => void;
  onClose: () => void;
}) {
  const [query, setQuery] = useState("");
  const [active, setActive] = useState(0);
  const entries = useMemo<Entry[]>(() => {
    const all: Entry[] = [
      ...NODE_TYPES.map((type) => ({
        key: type,
        type,
        title: NODE_SPECS[type].label,
        subtitle: NODE_SPECS[type].description,
      })),
      ...registry.flatMap((server) =>
        server.tools.map((tool) => ({
          key: `${server.id}/${tool.name}`,
          type: "protocol" as const,
          serverId: server.id,
          tool: tool.name,
          title: tool.name,
          subtitle: `${server.name}${tool.description ? ` — ${tool.description}` : ""}`,
        })),
      ),
    ];
    const q = query.trim().toLowerCase();
    return q ? all.filter((e) => `${e.title} ${e.subtitle}`.toLowerCase().includes(q)) : all;
  }, [query, registry]);

  const pick = (entry: Entry | undefined) => {
    if (!entry) return;
    onPick({ type: entry.type, serverId: entry.serverId, tool: entry.tool });
    onClose();
  };

  return (
    <div className={styles.overlay}>
      <button
        type="button"
        className={styles.backdrop}
        aria-label="Close search"
        tabIndex={-1}
        onClick={onClose}
      />
      <div className={styles.search} role="dialog" aria-label="Add a node">
        <input
          // biome-ignore lint/a11y/noAutofocus: the dialog exists to type into
          autoFocus
          className={styles.searchInput}
          placeholder="Search nodes and tools…"
          aria-label="Search nodes and tools"
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setActive(0);
          }}
          onKeyDown={(e) => {
            if (e.key === "Escape") onClose();
            else if (e.key === "ArrowDown") setActive((a) => Math.min(a + 1, entries.length - 1));
            else if (e.key === "ArrowUp") setActive((a) => Math.max(a - 1, 0));
            else if (e.key === "Enter") pick(entries[active]);
          }}
        />
        <ul className={styles.searchList}>
          {entries.map((entry, i) => (
            <li key={entry.key}>
              <button
                type="button"
                className={`${styles.searchItem} ${i === active ? styles.searchActive : ""}`}
                onClick={() => pick(entry)}
              >
                <strong>{entry.title}</strong>
                <span>{entry.subtitle}</span>
              </button>
            </li>
          ))}
          {entries.length === 0 && <li className={styles.hint}>Nothing matches.</li>}
        </ul>
      </div>
    </div>
  );
}
