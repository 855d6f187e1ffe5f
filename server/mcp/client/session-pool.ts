import type { McpConnection } from "./connect";

type Entry = { key: string; connection: Promise<McpConnection>; lastUsed: number; busy: number };
export type SessionPoolOptions = { idleMs?: number; maxSessions?: number; now?: () => number };

/**
 * Open MCP sessions, one per key (the app keys them by user and server: `sessionKey`), reused
 * between calls and closed after a while unused. A session whose transport closes or fails is
 * dropped and made again next time. New credentials reach it because connecting, completing an
 * OAuth authorization and revoking drop the user's session for that server (`drop`).
 */
export class SessionPool {
  private readonly entries = new Map<string, Entry>();
  private readonly idleMs: number;
  private readonly maxSessions: number;
  private readonly now: () => number;
  private sweeper: NodeJS.Timeout | undefined;

  constructor(options: SessionPoolOptions = {}) {
    this.idleMs = options.idleMs ?? 60_000;
    this.maxSessions = options.maxSessions ?? 200;
    this.now = options.now ?? Date.now;
  }

  get size(): number {
    return this.entries.size;
  }

  async use<T>(
    key: string,
    open: () => Promise<McpConnection>,
    fn: (connection: McpConnection) => Promise<T>,
  ): Promise<T> {
    let entry = this.entries.get(key);
    if (!entry) {
      entry = { key, connection: open(), lastUsed: this.now(), busy: 0 };
      this.entries.set(key, entry);
      this.watch(entry);
      this.evictOverflow();
      this.startSweeper();
    }
    entry.busy++;
    entry.lastUsed = this.now();
    try {
      return await fn(await entry.connection);
    } finally {
      entry.busy--;
      entry.lastUsed = this.now();
    }
  }

  /** Closes and forgets every session whose key starts with `prefix` (e.g. after a revoke). */
  async drop(prefix: string): Promise<void> {
    const closing: Array<Promise<void>> = [];
    for (const [key, entry] of this.entries) {
      if (key.startsWith(prefix)) closing.push(this.close(entry));
    }
    await Promise.all(closing);
  }

  async closeAll(): Promise<void> {
    clearInterval(this.sweeper);
    this.sweeper = undefined;
    await Promise.all([...this.entries.values()].map((entry) => this.close(entry)));
  }

  /** Closes sessions unused for longer than the idle time; returns how many. */
  async sweep(): Promise<number> {
    const idle = [...this.entries.values()].filter(
      (entry) => entry.busy === 0 && this.now() - entry.lastUsed >= this.idleMs,
    );
    await Promise.all(idle.map((entry) => this.close(entry)));
    if (this.entries.size === 0) {
      clearInterval(this.sweeper);
      this.sweeper = undefined;
    }
    return idle.length;
  }

  private watch(entry: Entry) {
    entry.connection.then(
      (connection) => {
        const previous = connection.client.onclose;
        connection.client.onclose = () => {
          previous?.();
          if (this.entries.get(entry.key) === entry) this.entries.delete(entry.key);
        };
      },
      () => {
        if (this.entries.get(entry.key) === entry) this.entries.delete(entry.key);
      },
    );
  }

  private evictOverflow() {
    if (this.entries.size <= this.maxSessions) return;
    const oldest = [...this.entries.values()]
      .filter((entry) => entry.busy === 0)
      .sort((a, b) => a.lastUsed - b.lastUsed)[0];
    if (oldest) void this.close(oldest);
  }

  private async close(entry: Entry) {
    if (this.entries.get(entry.key) === entry) this.entries.delete(entry.key);
    const connection = await entry.connection.catch(() => null);
    await connection?.close();
  }

  private startSweeper() {
    if (this.sweeper) return;
    this.sweeper = setInterval(() => void this.sweep(), Math.max(1_000, Math.floor(this.idleMs / 2)));
    this.sweeper.unref();
  }
}
