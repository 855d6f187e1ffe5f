import type pg from "pg";
import type { CapturedChange } from "./change-feed";
import { type Filter, matchesFilter, parseFilter } from "./filters";
import {
  isSubscriberRole,
  loadPublishedTables,
  type PublishedTable,
  type SubscriberRole,
  syncTriggers,
} from "./tables";
import type { Binding, Channel } from "./types";
import { visibleChangeIds } from "./visibility";

const MAX_RECORD_BYTES = 1024 * 1024;

/** Stable integer id per distinct params object (Realtime uses phash2 of the params map). */
export function bindingId(params: Record<string, unknown>): number {
  const text = JSON.stringify(
    Object.keys(params)
      .sort()
      .map((key) => [key, params[key]]),
  );
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % 134_217_728;
}

export function toBinding(params: Record<string, unknown>): Binding {
  const rawEvent = typeof params.event === "string" ? params.event.toUpperCase() : "*";
  const event = rawEvent === "INSERT" || rawEvent === "UPDATE" || rawEvent === "DELETE" ? rawEvent : "*";
  return {
    id: bindingId(params),
    params,
    event,
    schema: typeof params.schema === "string" ? params.schema : "public",
    table: typeof params.table === "string" ? params.table : "*",
    filter: null,
    valid: false,
  };
}

function describeBinding(binding: Binding): string {
  const filters = typeof binding.params.filter === "string" ? `[${binding.params.filter}]` : "[]";
  return `[event: ${binding.event}, schema: ${binding.schema}, table: ${binding.table}, filters: ${filters}, select: nil]`;
}

function tableMatches(binding: Binding, table: PublishedTable): boolean {
  return (
    (binding.schema === "*" || binding.schema === table.schema) &&
    (binding.table === "*" || binding.table === table.table)
  );
}

/** Routes captured changes to postgres_changes bindings, checking RLS in batches. */
export class PostgresChanges {
  tables = new Map<number, PublishedTable>();

  constructor(
    private readonly pool: pg.Pool,
    private readonly channels: () => Iterable<Channel>,
  ) {}

  /** Re-reads the publication; with `triggers`, first gives newly published tables their trigger. */
  async refresh(triggers = false): Promise<void> {
    if (triggers) await syncTriggers(this.pool);
    this.tables = await loadPublishedTables(this.pool);
  }

  /** Validates a binding for a role; returns the system error text, or null when it is valid. */
  validate(binding: Binding, role: string): string | null {
    const matching = [...this.tables.values()].filter((table) => tableMatches(binding, table));
    if (matching.length === 0 || !isSubscriberRole(role)) {
      return `Unable to subscribe to changes with given parameters. Please check Realtime is enabled for the given connect parameters: ${describeBinding(binding)}`;
    }
    const rawFilter = binding.params.filter;
    if (typeof rawFilter === "string" && rawFilter.trim() !== "") {
      let filter: Filter;
      try {
        filter = parseFilter(rawFilter);
      } catch (error) {
        return (error as Error).message;
      }
      for (const table of matching) {
        const column = table.columns.find((c) => c.name === filter.column);
        if (!column?.selectableBy[role]) {
          return `Unable to subscribe to changes with given parameters. An exception happened so please check your connect parameters: ${describeBinding(binding)}. Exception: ERROR P0001 (raise_exception) invalid column for filter ${filter.column}`;
        }
      }
      binding.filter = filter;
    }
    binding.valid = true;
    return null;
  }

  async dispatch(batch: CapturedChange[]): Promise<void> {
    if (batch.some((change) => !this.tables.has(change.rel))) await this.refresh();
    type Delivery = { channel: Channel; change: CapturedChange; ids: number[] };
    const deliveries: Delivery[] = [];
    const activeChannels = [...this.channels()].filter((c) => !c.closed && c.bindings.some((b) => b.valid));
    if (activeChannels.length === 0) return;
    for (const change of batch) {
      const table = this.tables.get(change.rel);
      if (!table) continue;
      const row = change.op === "DELETE" ? change.oldRow : change.newRow;
      if (!row) continue;
      for (const channel of activeChannels) {
        const ids = new Set<number>();
        for (const binding of channel.bindings) {
          if (!binding.valid || !tableMatches(binding, table)) continue;
          if (binding.event !== "*" && binding.event !== change.op) continue;
          if (binding.filter) {
            const column = table.columns.find((c) => c.name === binding.filter?.column);
            if (!column || !matchesFilter(binding.filter, column, row)) continue;
          }
          ids.add(binding.id);
        }
        if (ids.size > 0) deliveries.push({ channel, change, ids: [...ids] });
      }
    }
    if (deliveries.length === 0) return;

    const byClaims = new Map<string, { claims: Channel["claims"]; changes: Map<number, CapturedChange> }>();
    for (const { channel, change } of deliveries) {
      const key = JSON.stringify(channel.claims);
      const entry = byClaims.get(key) ?? { claims: channel.claims, changes: new Map() };
      entry.changes.set(change.id, change);
      byClaims.set(key, entry);
    }
    const groups = [...byClaims.entries()];
    const visible = await visibleChangeIds(
      this.pool,
      this.tables,
      groups.map(([, group]) => ({ claims: group.claims, changes: [...group.changes.values()] })),
    );
    const visibleByClaims = new Map(groups.map(([key], i) => [key, visible[i] ?? new Set<number>()]));

    const payloads = new Map<string, unknown>();
    for (const { channel, change, ids } of deliveries) {
      if (channel.closed || !visibleByClaims.get(JSON.stringify(channel.claims))?.has(change.id)) continue;
      const role = channel.claims.role as SubscriberRole;
      const cacheKey = `${change.id}:${role}`;
      let data = payloads.get(cacheKey);
      if (!data) {
        data = changePayload(this.tables.get(change.rel) as PublishedTable, change, role);
        payloads.set(cacheKey, data);
      }
      channel.connection.send({
        joinRef: null,
        ref: null,
        topic: channel.topic,
        event: "postgres_changes",
        payload: { ids, data },
      });
    }
  }
}

function pick(row: Record<string, unknown> | null, names: string[]): Record<string, unknown> {
  const picked: Record<string, unknown> = {};
  if (!row) return picked;
  for (const name of names) if (name in row) picked[name] = normalise(row[name]);
  return picked;
}

// to_jsonb renders bytea as "\x0102…"; Realtime (wal2json) sends the hex digits only.
function normalise(value: unknown): unknown {
  return typeof value === "string" && /^\\x[0-9a-f]*$/.test(value) ? value.slice(2) : value;
}

/** The `data` object of a postgres_changes frame (local/realtime/README.md) as a given role may see it. */
export function changePayload(table: PublishedTable, change: CapturedChange, role: SubscriberRole) {
  const columns = table.columns.filter((c) => c.selectableBy[role]);
  const names = columns.map((c) => c.name);
  const base = {
    schema: table.schema,
    table: table.table,
    commit_timestamp: change.committedAt.toISOString(),
    type: change.op,
    columns: columns.map((c) => ({ name: c.name, type: c.type })),
  };
  const errors: string[] = [];
  const keyOnly = table.primaryKey;
  const oldNames = change.op === "UPDATE" && table.replicaIdentityFull ? names : keyOnly;
  const record = change.op === "DELETE" ? undefined : pick(change.newRow, names);
  const oldRecord = change.op === "INSERT" ? undefined : pick(change.oldRow, oldNames);
  if (record && JSON.stringify(record).length > MAX_RECORD_BYTES) {
    for (const [key, value] of Object.entries(record)) {
      if (JSON.stringify(value).length > 64) delete record[key];
    }
    errors.push("Error 413: Payload Too Large");
  }
  const tail = { errors: errors.length > 0 ? errors : null };
  if (change.op === "INSERT") return { ...base, record, ...tail };
  if (change.op === "UPDATE") return { ...base, record, old_record: oldRecord, ...tail };
  return { ...base, old_record: oldRecord, ...tail };
}
