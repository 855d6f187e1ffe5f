import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testClient, uniqueEmail } from "../../test/auth-clients";
import { type AuthAnswer, postAuthFrom } from "../../test/auth-from";
import { startTestStack } from "../../test/local-stack";
import type { LocalStack } from "../server";

// Password sign-in is limited per client IP and per email address (429 over_request_rate_limit,
// GoTrue's code), and an unknown email costs as much time as a wrong password.

const LIMIT = 5;
let limited: LocalStack;
let open: LocalStack;

beforeAll(async () => {
  [limited, open] = await Promise.all([startTestStack({ signInRateLimit: LIMIT }), startTestStack()]);
});
afterAll(async () => {
  await Promise.all([limited?.close(), open?.close()]);
});

/** A password grant sent from a given loopback address (each one is another client IP). */
function signIn(stack: LocalStack, email: string, password: string, from = "127.0.0.1"): Promise<AuthAnswer> {
  return postAuthFrom(stack, "/token?grant_type=password", { email, password }, from, {
    "x-forwarded-for": "203.0.113.9",
  });
}

async function signUp(stack: LocalStack, email: string) {
  const { error } = await testClient(stack).client.auth.signUp({ email, password: "right-password" });
  if (error) throw error;
}

describe("sign-in rate limit", () => {
  it("refuses the attempt after the limit from one IP with 429 over_request_rate_limit, the right password too", async () => {
    const email = uniqueEmail("limited");
    await signUp(limited, email);
    for (let i = 0; i < LIMIT; i += 1) {
      expect((await signIn(limited, email, `wrong-${i}`, "127.0.0.2")).status).toBe(400);
    }
    const refused = await signIn(limited, email, "right-password", "127.0.0.2");
    expect(refused).toEqual({
      status: 429,
      body: { code: "over_request_rate_limit", message: "Request rate limit reached" },
    });
    // Per IP: another address from the same IP is refused too (X-Forwarded-For is not trusted).
    expect((await signIn(limited, uniqueEmail("other"), "x", "127.0.0.2")).status).toBe(429);
  });

  it("limits one email address across IPs", async () => {
    const email = uniqueEmail("target");
    await signUp(limited, email);
    for (let i = 0; i < LIMIT; i += 1) {
      expect((await signIn(limited, email, `wrong-${i}`, `127.0.1.${i + 1}`)).status).toBe(400);
    }
    expect((await signIn(limited, email, "right-password", "127.0.1.99")).status).toBe(429);
    // Another address from a fresh IP still signs in.
    const other = uniqueEmail("bystander");
    await signUp(limited, other);
    expect((await signIn(limited, other, "right-password", "127.0.2.1")).status).toBe(200);
  });
});

describe("timing", () => {
  it("an unknown email takes as long as a wrong password for a known one", async () => {
    const email = uniqueEmail("known");
    await signUp(open, email);
    // Known and unknown attempts take turns, so a busy machine slows both alike.
    const knownTimes: number[] = [];
    const unknownTimes: number[] = [];
    const timed = async (attempt: () => Promise<AuthAnswer>, into: number[]) => {
      const started = performance.now();
      expect((await attempt()).status).toBe(400);
      into.push(performance.now() - started);
    };
    for (let i = 0; i < 9; i += 1) {
      await timed(() => signIn(open, email, "wrong-password"), knownTimes);
      await timed(() => signIn(open, uniqueEmail("nobody"), "wrong-password"), unknownTimes);
    }
    const median = (times: number[]) => times.sort((a, b) => a - b)[4] ?? 0;
    const known = median(knownTimes);
    const unknown = median(unknownTimes);
    expect(unknown).toBeGreaterThan(known * 0.6);
  });
});
