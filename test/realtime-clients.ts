import { createClient, type RealtimeChannel } from "@supabase/supabase-js";
import pg from "pg";
import type { LocalStack } from "@/local/server";

/** An unmodified supabase-js client against the stack, signed in with `token` for Realtime. */
export function realtimeClient(
  stack: LocalStack,
  token?: string,
  vsn?: "1.0.0" | "2.0.0",
  apiKey = stack.context.config.publishableKey,
) {
  const client = createClient(stack.url, apiKey, {
    auth: { persistSession: false, autoRefreshToken: false },
    ...(vsn ? { realtime: { vsn } } : {}),
    // Like a signed-in session: the token is re-read on every (re)connect and heartbeat.
    ...(token ? { accessToken: async () => token } : {}),
  });
  if (token) client.realtime.setAuth(token);
  return client;
}

/** Subscribes and resolves with the final status (SUBSCRIBED, CHANNEL_ERROR, …). */
export function subscribe(channel: RealtimeChannel): Promise<string> {
  return new Promise((resolve) => {
    channel.subscribe((status) => resolve(status));
  });
}

/** Resolves when the "Subscribed to PostgreSQL" system message arrives (or rejects on error). */
export function whenListening(channel: RealtimeChannel): Promise<void> {
  return new Promise((resolve, reject) => {
    channel.on("system", {}, (payload: { status: string; message: string; extension: string }) => {
      if (payload.extension !== "postgres_changes") return;
      if (payload.status === "ok") resolve();
      else reject(new Error(payload.message));
    });
  });
}

export async function sql<T extends pg.QueryResultRow = pg.QueryResultRow>(
  text: string,
  values: unknown[] = [],
) {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

export function sleep(ms: number) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls until `check` holds or the timeout passes. */
export async function until(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error("timed out waiting");
    await sleep(20);
  }
}
