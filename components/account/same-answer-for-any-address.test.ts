import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalStack } from "@/local/server";
import { testClient, uniqueEmail } from "@/test/auth-clients";
import { startTestStack } from "@/test/local-stack";
import { NEUTRAL_ANSWER_MS, sameAnswerForAnyAddress } from "./same-answer-for-any-address";

// The local Auth server keeps GoTrue's per-user send limit (60 s between emails of a kind), so
// it answers a known address's second request 429 and an unknown one's 200: the pages must not.

let stack: LocalStack;
beforeAll(async () => {
  stack = await startTestStack({ auth: { mailerAutoconfirm: false, emailMaxFrequency: 60 } });
});
afterAll(() => stack?.close());

async function knownAddress() {
  const email = uniqueEmail("known");
  const admin = testClient(stack, stack.context.config.secretKey).client;
  await admin.auth.admin.createUser({ email, password: "a-password", email_confirm: true });
  return email;
}

/** Runs a page's request the way the page does; returns what the page shows and how long it took. */
async function asThePageDoes<T extends { error: unknown }>(call: () => Promise<T>) {
  const started = Date.now();
  const { error } = await sameAnswerForAnyAddress(call);
  return { error, ms: Date.now() - started };
}

describe("the same answer for a known and an unknown address", () => {
  it("forgot password: Auth's 429 for a known address becomes the same success as an unknown one", async () => {
    const known = await knownAddress();
    const auth = () => testClient(stack).client.auth;
    expect((await auth().resetPasswordForEmail(known)).error).toBeNull();
    // What Auth itself answers: the enumeration the page must hide.
    expect((await auth().resetPasswordForEmail(known)).error).toMatchObject({
      status: 429,
      code: "over_email_send_rate_limit",
    });
    expect((await auth().resetPasswordForEmail(uniqueEmail("unknown"))).error).toBeNull();

    const forKnown = await asThePageDoes(() => auth().resetPasswordForEmail(known));
    const forUnknown = await asThePageDoes(() => auth().resetPasswordForEmail(uniqueEmail("unknown")));
    expect([forKnown.error, forUnknown.error]).toEqual([null, null]);
    for (const { ms } of [forKnown, forUnknown]) expect(ms).toBeGreaterThanOrEqual(NEUTRAL_ANSWER_MS);
  });

  it("sign-up: a registered address (and its send limit) ends like a new one", async () => {
    const known = await knownAddress();
    const auth = () => testClient(stack).client.auth;
    const outcomes = await Promise.all(
      [known, known, uniqueEmail("new")].map((email) =>
        asThePageDoes(() => auth().signUp({ email, password: "another-password" })),
      ),
    );
    expect(outcomes.map((outcome) => outcome.error)).toEqual([null, null, null]);
  });

  it("magic link: an address without an account (otp_disabled) ends like a known one", async () => {
    const auth = () => testClient(stack).client.auth;
    const options = { shouldCreateUser: false };
    expect((await auth().signInWithOtp({ email: uniqueEmail("nobody"), options })).error).toMatchObject({
      code: "otp_disabled",
    });
    const forUnknown = await asThePageDoes(() =>
      auth().signInWithOtp({ email: uniqueEmail("nobody"), options }),
    );
    const forKnown = await asThePageDoes(async () =>
      auth().signInWithOtp({ email: await knownAddress(), options }),
    );
    expect([forUnknown.error, forKnown.error]).toEqual([null, null]);
  });

  it("still shows a mistake in what was typed", async () => {
    const { error } = await sameAnswerForAnyAddress(() =>
      testClient(stack).client.auth.resetPasswordForEmail("not an address"),
    );
    expect(error).toMatchObject({ code: "validation_failed" });
  });
});
