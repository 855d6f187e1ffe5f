// The local Supabase (Auth + Realtime) in a process of its own, as `npm run dev` runs it beside
// the app server: the parent sends the stack's config, gets its URL back, and sends "close".
import type { LocalStackConfig } from "../../local/config";
import { startLocalSupabase } from "../../local/server";

// A parent that exits without closing the stack takes this process with it.
process.once("disconnect", () => process.exit(0));

process.once("message", async (config: LocalStackConfig) => {
  const stack = await startLocalSupabase(config);
  process.send?.({ url: stack.url });
  process.once("message", async () => {
    await stack.close();
    process.exit(0);
  });
});
