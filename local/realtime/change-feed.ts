import pg from "pg";

export type CapturedChange = {
  id: number;
  rel: number;
  op: "INSERT" | "UPDATE" | "DELETE";
  newRow: Record<string, unknown> | null;
  oldRow: Record<string, unknown> | null;
  xid: string;
  committedAt: Date;
};

type Options = {
  databaseUrl: string;
  pool: pg.Pool;
  onBatch: (changes: CapturedChange[]) => Promise<void>;
  batchSize?: number;
};

const CHANNEL = "realtime_local_changes";
// Ids are taken at insert time but become visible at commit, so a skipped id may still
// appear (a slower transaction). Such holes are re-read until they show up or expire.
const HOLE_TTL_MS = 60_000;
const POLL_MS = 1_000;
const PRUNE_MS = 60_000;
const RETENTION = "10 minutes";

/**
 * Follows realtime_local.changes: a dedicated LISTEN connection wakes it, a slow poll covers
 * lost notifications, and after a Postgres restart it reconnects and catches up from the
 * last id it delivered.
 */
export class ChangeFeed {
  private lastId = 0;
  private holes = new Map<number, number>();
  private listener: pg.Client | null = null;
  private closed = false;
  private running: Promise<void> | null = null;
  private again = false;
  private timers: NodeJS.Timeout[] = [];
  private reconnectTimer: NodeJS.Timeout | null = null;

  constructor(private readonly options: Options) {}

  async start(): Promise<void> {
    const { rows } = await this.options.pool.query<{ id: string | null }>(
      "select max(id) as id from realtime_local.changes",
    );
    this.lastId = Number(rows[0]?.id ?? 0);
    await this.listen();
    this.timers.push(setInterval(() => this.wake(), POLL_MS));
    this.timers.push(setInterval(() => void this.prune(), PRUNE_MS));
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.timers) clearInterval(timer);
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    await this.listener?.end().catch(() => {});
    await this.running;
  }

  /** Fetches new changes now (coalesces overlapping calls). */
  wake(): void {
    if (this.closed) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain().finally(() => {
      this.running = null;
      if (this.again) {
        this.again = false;
        this.wake();
      }
    });
  }

  private async listen(): Promise<void> {
    const client = new pg.Client({ connectionString: this.options.databaseUrl });
    client.on("notification", () => this.wake());
    client.on("error", () => this.scheduleReconnect(client));
    client.on("end", () => this.scheduleReconnect(client));
    await client.connect();
    await client.query(`listen ${CHANNEL}`);
    this.listener = client;
    this.wake();
  }

  private scheduleReconnect(client: pg.Client) {
    if (this.closed || this.listener !== client) return;
    this.listener = null;
    client.end().catch(() => {});
    const attempt = (delay: number) => {
      this.reconnectTimer = setTimeout(() => {
        if (this.closed) return;
        this.listen().catch(() => attempt(Math.min(delay * 2, 5_000)));
      }, delay);
    };
    attempt(200);
  }

  private async drain(): Promise<void> {
    try {
      for (;;) {
        const batch = await this.fetch();
        if (batch.length === 0) return;
        await this.options.onBatch(batch);
      }
    } catch {
      // Postgres unavailable: the poll or the reconnect retries from lastId.
    }
  }

  private async fetch(): Promise<CapturedChange[]> {
    const now = Date.now();
    for (const [id, seenAt] of this.holes) if (now - seenAt > HOLE_TTL_MS) this.holes.delete(id);
    const limit = this.options.batchSize ?? 1000;
    const { rows } = await this.options.pool.query<{
      id: string;
      rel: number;
      op: CapturedChange["op"];
      new_row: Record<string, unknown> | null;
      old_row: Record<string, unknown> | null;
      xid: string;
      committed_at: Date;
    }>(
      `select id, rel::int as rel, op, new_row, old_row, xid::text as xid, committed_at
       from realtime_local.changes where id > $1 or id = any($2::bigint[]) order by id limit $3`,
      [this.lastId, [...this.holes.keys()], limit],
    );
    const changes: CapturedChange[] = [];
    for (const row of rows) {
      const id = Number(row.id);
      if (this.holes.delete(id)) {
        // a late commit
      } else if (id > this.lastId) {
        for (let missing = this.lastId + 1; missing < id; missing++) this.holes.set(missing, now);
        this.lastId = id;
      } else continue;
      changes.push({
        id,
        rel: row.rel,
        op: row.op,
        newRow: row.new_row,
        oldRow: row.old_row,
        xid: row.xid,
        committedAt: row.committed_at,
      });
    }
    return changes;
  }

  private async prune(): Promise<void> {
    await this.options.pool
      .query(`delete from realtime_local.changes where committed_at < now() - interval '${RETENTION}'`)
      .catch(() => {});
  }
}
