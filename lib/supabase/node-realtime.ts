import "server-only";
import type { RealtimeClientOptions } from "@supabase/supabase-js";
import ws from "ws";

/** Node 20 has no global WebSocket; supabase-js then needs `ws`. Server clients only. */
export function nodeRealtimeOptions(): RealtimeClientOptions {
  if (typeof globalThis.WebSocket !== "undefined") return {};
  // ws's constructor accepts everything realtime-js passes; only its declared types differ.
  return { transport: ws as unknown as RealtimeClientOptions["transport"] };
}
