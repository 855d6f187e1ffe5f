import { createGuardedFetch, type GuardedFetch } from "@/server/mcp/client/guarded-fetch";
import { policyFromEnv } from "@/server/mcp/client/outbound-policy";
import { processSingleton } from "@/server/platform/process-singleton";
import { loopbackOnlyDial } from "./mcp/loopback-dial";

// Integration tests reach MCP servers through the app's own guarded fetch, configured from the
// environment each test file sets. Here it dials through the loopback-only connector, so a test of
// a refused address (169.254.169.254, a closed port) can never send a packet off this machine.
const byPolicy = new Map<string, GuardedFetch>();

processSingleton<GuardedFetch>("guarded-fetch", () => (input, init) => {
  const policy = { ...policyFromEnv(), dial: loopbackOnlyDial };
  const key = JSON.stringify({ ...policy, allowedHosts: [...policy.allowedHosts] });
  const fetch = byPolicy.get(key) ?? createGuardedFetch(policy);
  byPolicy.set(key, fetch);
  return fetch(input, init);
});
