import { describe, expect, it } from "vitest";
import { isLocalStack } from "@/lib/env/parse";
import { policyFromEnv } from "@/server/mcp/client/outbound-policy";
import { readServerEnv } from "./env";

// "Is this the local stack" has one answer (isLocalStack): the environment check's defaults and the
// MCP guard's plain-http allowance follow it together.
describe("the local stack, as every part sees it", () => {
  it.each([
    [{}, true],
    [{ NODE_ENV: "test" }, true],
    [{ NODE_ENV: "production", TRYLIATE_LOCAL_STACK: "1" }, true],
    [{ NODE_ENV: "production" }, false],
    // A production start pointed at a Supabase on this machine is still a deployment: it sets everything.
    [{ NODE_ENV: "production", NEXT_PUBLIC_SUPABASE_URL: "http://127.0.0.1:54321" }, false],
  ])("%j is the local stack: %s", (env, local) => {
    expect(isLocalStack(env)).toBe(local);
    expect(policyFromEnv(env).allowHttp).toBe(local);
    const defaultsApply = (() => {
      try {
        readServerEnv(env);
        return true;
      } catch {
        return false;
      }
    })();
    expect(defaultsApply).toBe(local);
  });
});
