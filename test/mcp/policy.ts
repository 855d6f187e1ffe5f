import { createGuardedFetch, type GuardedFetch } from "@/server/mcp/client/guarded-fetch";
import { policyFromEnv, systemResolver } from "@/server/mcp/client/outbound-policy";
import { loopbackOnlyDial } from "./loopback-dial";

/** A guarded fetch that allows plain http and the given loopback servers, as the local stack does. */
export function testFetch(
  urls: string[],
  overrides: { callTimeoutMs?: number; maxResponseBytes?: number } = {},
): GuardedFetch {
  const hosts = new Set(urls.map((url) => new URL(url).host));
  return createGuardedFetch({
    ...policyFromEnv({}),
    allowHttp: true,
    allowedHosts: hosts,
    resolve: systemResolver,
    dial: loopbackOnlyDial,
    ...overrides,
  });
}
