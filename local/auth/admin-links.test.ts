import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testClient, uniqueEmail } from "../../test/auth-clients";
import { emailLink, nextEmail } from "../../test/inbox";
import { startTestStack } from "../../test/local-stack";
import type { LocalStack } from "../server";

let stack: LocalStack;
beforeAll(async () => {
  stack = await startTestStack({ auth: { mailerAutoconfirm: false } });
});
afterAll(() => stack?.close());

const admin = () => testClient(stack, stack.context.config.secretKey).client.auth.admin;

describe("admin links and invites", () => {
  it("inviteUserByEmail emails an invite; verifying it signs the new user in", async () => {
    const email = uniqueEmail("invited");
    const { data, error } = await admin().inviteUserByEmail(email, { data: { display_name: "Invited" } });
    expect(error).toBeNull();
    expect(data.user).toMatchObject({ email, user_metadata: { display_name: "Invited" } });
    expect(data.user?.invited_at).toBeTruthy();
    const message = await nextEmail(stack, email);
    expect(message.subject).toBe("You have been invited");
    const link = emailLink(message);
    expect(link.type).toBe("invite");
    const verified = await testClient(stack).client.auth.verifyOtp({
      token_hash: link.tokenHash,
      type: "invite",
    });
    expect(verified.error).toBeNull();
    expect(verified.data.user?.email_confirmed_at).toBeTruthy();
    const again = await admin().inviteUserByEmail(email);
    expect(again.error).toMatchObject({ status: 422, code: "email_exists" });
  });

  it("generateLink returns GoTrue's verify link, the code and the hash without sending mail", async () => {
    const email = uniqueEmail("linked");
    const created = await admin().generateLink({ type: "signup", email, password: "a-password" });
    expect(created.error).toBeNull();
    const properties = created.data.properties;
    if (!properties) throw new Error("generateLink returned no properties");
    expect(properties.verification_type).toBe("signup");
    expect(properties.email_otp).toMatch(/^\d{6}$/);
    const link = new URL(properties.action_link);
    expect(link.pathname).toBe("/auth/v1/verify");
    expect(link.searchParams.get("token")).toBe(properties.hashed_token);
    const response = await fetch(link, {
      redirect: "manual",
      headers: { apikey: stack.context.config.publishableKey },
    });
    expect(
      new URLSearchParams(new URL(response.headers.get("location") ?? "").hash.slice(1)).get("access_token"),
    ).toBeTruthy();

    const recovery = await admin().generateLink({ type: "recovery", email });
    const verified = await testClient(stack).client.auth.verifyOtp({
      email,
      token: recovery.data.properties?.email_otp ?? "",
      type: "recovery",
    });
    expect(verified.error).toBeNull();
    const missing = await admin().generateLink({ type: "recovery", email: uniqueEmail("missing") });
    expect(missing.error).toMatchObject({ status: 404, code: "user_not_found" });
  });

  it("listUsers answers 400 validation_failed for bad pagination", async () => {
    const { error } = await admin().listUsers({ page: -1, perPage: 10 });
    expect(error).toMatchObject({ status: 400, code: "validation_failed" });
    expect((await admin().listUsers({ page: 1, perPage: 1 })).error).toBeNull();
  });

  it("deleteUser removes the user, its sessions and its profile", async () => {
    const email = uniqueEmail("gone");
    const created = await admin().createUser({ email, password: "a-password", email_confirm: true });
    const { client } = testClient(stack);
    const { data } = await client.auth.signInWithPassword({ email, password: "a-password" });
    const id = created.data.user?.id ?? "";
    expect((await admin().deleteUser(id)).error).toBeNull();
    const { rows } = await stack.context.pool.query(
      "select (select count(*) from auth.sessions where user_id = $1)::int as sessions, (select count(*) from public.users where id = $1)::int as profiles",
      [id],
    );
    expect(rows[0]).toEqual({ sessions: 0, profiles: 0 });
    expect((await client.auth.getUser(data.session?.access_token)).error?.status).toBe(403);
  });
});
