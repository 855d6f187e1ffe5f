import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { LocalStack } from "@/local/server";
import { startTestStack } from "@/test/local-stack";

let off: LocalStack;
let on: LocalStack;
beforeAll(async () => {
  [off, on] = await Promise.all([
    startTestStack(),
    startTestStack({
      auth: { passkeyEnabled: true, anonymousUsersEnabled: true, externalProviders: ["email", "github"] },
    }),
  ]);
});
afterAll(() => Promise.all([off?.close(), on?.close()]));

/** signInOptions() as the app reads it, against the given Auth server. */
async function optionsFrom(stack: LocalStack) {
  vi.resetModules();
  vi.stubEnv("NEXT_PUBLIC_SUPABASE_URL", stack.url);
  vi.stubEnv("NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY", stack.context.config.publishableKey);
  const { signInOptions } = await import("./providers");
  return signInOptions();
}

describe("the sign-in page's options (GET /auth/v1/settings)", () => {
  it("offers neither passkeys nor trying without an account on a new project's settings", async () => {
    expect(await optionsFrom(off)).toEqual({ providers: [], passkeys: false, anonymous: false });
  });

  it("offers what the Auth server reports on", async () => {
    expect(await optionsFrom(on)).toEqual({ providers: ["github"], passkeys: true, anonymous: true });
  });
});
