import { AuthApiError, AuthWeakPasswordError } from "@supabase/supabase-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeJwt, testClient, uniqueEmail } from "../../test/auth-clients";
import { type AuthTestServer, startAuthTestServer } from "../../test/auth-server";

let server: AuthTestServer;
beforeAll(async () => {
  server = await startAuthTestServer();
});
afterAll(async () => {
  await server?.close();
});

describe("signUp", () => {
  it("creates a confirmed user and signs it in (autoconfirm)", async () => {
    const { client } = testClient(server);
    const email = uniqueEmail("Signup");
    const { data, error } = await client.auth.signUp({
      email,
      password: "secret123",
      options: { data: { display_name: "Ada" } },
    });
    expect(error).toBeNull();
    expect(data.session?.access_token).toBeTruthy();
    expect(data.session?.refresh_token).toMatch(/^[a-z2-7]{12}$/);
    expect(data.session?.token_type).toBe("bearer");
    expect(data.session?.expires_in).toBe(server.context.config.accessTokenTtl);
    const user = data.user;
    expect(user?.email).toBe(email.toLowerCase());
    expect(user?.aud).toBe("authenticated");
    expect(user?.role).toBe("authenticated");
    expect(user?.phone).toBe("");
    expect(user?.app_metadata).toEqual({ provider: "email", providers: ["email"] });
    expect(user?.user_metadata).toEqual({ display_name: "Ada", email_verified: true });
    expect(user?.email_confirmed_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d*[1-9])?Z$/);
    expect(user?.identities).toHaveLength(1);
    expect(user?.identities?.[0]).toMatchObject({ provider: "email", user_id: user?.id, id: user?.id });
    expect(user?.identities?.[0]?.identity_data).toMatchObject({ sub: user?.id, email: email.toLowerCase() });
    expect(user?.is_anonymous).toBe(false);

    // The profile trigger ran.
    const profile = await server.context.pool.query("select display_name from public.users where id = $1", [
      user?.id,
    ]);
    expect(profile.rows[0]?.display_name).toBe("Ada");
  });

  it("refuses an e-mail that is taken with user_already_exists (422)", async () => {
    const { client } = testClient(server);
    const email = uniqueEmail();
    expect((await client.auth.signUp({ email, password: "secret123" })).error).toBeNull();
    const { data, error } = await testClient(server).client.auth.signUp({ email, password: "other-pass" });
    expect(error).toBeInstanceOf(AuthApiError);
    expect(error?.code).toBe("user_already_exists");
    expect(error?.status).toBe(422);
    expect(error?.message).toBe("User already registered");
    expect(data.user).toBeNull();
  });

  it("refuses a weak password with weak_password and its reasons", async () => {
    const email = uniqueEmail();
    const { error } = await testClient(server).client.auth.signUp({ email, password: "12345" });
    expect(error).toBeInstanceOf(AuthWeakPasswordError);
    expect(error?.code).toBe("weak_password");
    expect(error?.status).toBe(422);
    expect((error as AuthWeakPasswordError).reasons).toEqual(["length"]);
    const { rowCount } = await server.context.pool.query("select 1 from auth.users where email = $1", [
      email,
    ]);
    expect(rowCount).toBe(0);
  });

  it("refuses a malformed e-mail and a missing password with validation_failed", async () => {
    const bad = await testClient(server).client.auth.signUp({ email: "not-an-email", password: "secret123" });
    expect(bad.error?.code).toBe("validation_failed");
    expect(bad.error?.status).toBe(400);
    expect(bad.error?.message).toBe("Unable to validate email address: invalid format");
    const empty = await testClient(server).client.auth.signUp({ email: uniqueEmail(), password: "" });
    expect(empty.error?.code).toBe("validation_failed");
    expect(empty.error?.message).toBe("Signup requires a valid password");
  });
});

describe("signInWithPassword", () => {
  it("issues an ES256 access token with GoTrue's claims", async () => {
    const email = uniqueEmail();
    await testClient(server).client.auth.signUp({
      email,
      password: "secret123",
      options: { data: { a: 1 } },
    });
    const { client } = testClient(server);
    const before = Math.floor(Date.now() / 1000);
    const { data, error } = await client.auth.signInWithPassword({ email, password: "secret123" });
    expect(error).toBeNull();
    const session = data.session;
    if (!session) throw new Error("no session");
    const { header, payload } = decodeJwt(session.access_token);
    expect(header).toEqual({ alg: "ES256", kid: server.context.signingKey.kid, typ: "JWT" });
    expect(Object.keys(payload).sort()).toEqual(
      [
        "iss",
        "sub",
        "aud",
        "exp",
        "iat",
        "email",
        "phone",
        "app_metadata",
        "user_metadata",
        "role",
        "aal",
        "amr",
        "session_id",
        "is_anonymous",
      ].sort(),
    );
    expect(payload.iss).toBe(`${server.url}/auth/v1`);
    expect(payload.sub).toBe(data.user?.id);
    expect(payload.aud).toBe("authenticated");
    expect(payload.role).toBe("authenticated");
    expect(payload.email).toBe(email);
    expect(payload.phone).toBe("");
    expect(payload.app_metadata).toEqual({ provider: "email", providers: ["email"] });
    expect(payload.user_metadata).toEqual({ a: 1, email_verified: true });
    expect(payload.aal).toBe("aal1");
    expect(payload.is_anonymous).toBe(false);
    expect(payload.session_id).toMatch(/^[0-9a-f-]{36}$/);
    const amr = payload.amr as { method: string; timestamp: number }[];
    expect(amr).toHaveLength(1);
    expect(amr[0]?.method).toBe("password");
    expect(amr[0]?.timestamp).toBeGreaterThanOrEqual(before);
    expect(payload.exp).toBe((payload.iat as number) + server.context.config.accessTokenTtl);
    expect(session.expires_at).toBe(payload.exp);
    expect(data.user?.last_sign_in_at).toBeTruthy();
  });

  it("refuses a wrong password and an unknown e-mail with invalid_credentials (400)", async () => {
    const email = uniqueEmail();
    await testClient(server).client.auth.signUp({ email, password: "secret123" });
    for (const attempt of [
      { email, password: "wrong-password" },
      { email: uniqueEmail("nobody"), password: "secret123" },
    ]) {
      const { data, error } = await testClient(server).client.auth.signInWithPassword(attempt);
      expect(error).toBeInstanceOf(AuthApiError);
      expect(error?.code).toBe("invalid_credentials");
      expect(error?.status).toBe(400);
      expect(error?.message).toBe("Invalid login credentials");
      expect(data.session).toBeNull();
    }
  });

  it("matches e-mails case-insensitively", async () => {
    const email = uniqueEmail();
    await testClient(server).client.auth.signUp({ email, password: "secret123" });
    const { error } = await testClient(server).client.auth.signInWithPassword({
      email: email.toUpperCase(),
      password: "secret123",
    });
    expect(error).toBeNull();
  });
});
