import { AuthApiError, AuthSessionMissingError } from "@supabase/supabase-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeJwt, testClient, uniqueEmail } from "../../test/auth-clients";
import { type AuthTestServer, startAuthTestServer } from "../../test/auth-server";
import { verifyAccessToken } from "./verify";

let server: AuthTestServer;
beforeAll(async () => {
  // No grace period: a rotated token is refused at once (unless it is the active token's parent).
  process.env.TRYLIATE_REFRESH_TOKEN_REUSE_INTERVAL = "0";
  server = await startAuthTestServer();
});
afterAll(async () => {
  delete process.env.TRYLIATE_REFRESH_TOKEN_REUSE_INTERVAL;
  await server?.close();
});

async function signedInClient(email = uniqueEmail(), password = "secret123") {
  const signup = testClient(server);
  const { error } = await signup.client.auth.signUp({ email, password });
  if (error) throw error;
  const signedIn = testClient(server);
  const { data, error: signInError } = await signedIn.client.auth.signInWithPassword({ email, password });
  if (signInError || !data.session) throw signInError ?? new Error("no session");
  return { ...signedIn, session: data.session, email, password };
}

async function rawGetUser(token: string) {
  const response = await fetch(`${server.url}/auth/v1/user`, {
    headers: {
      apikey: server.context.config.publishableKey,
      authorization: `Bearer ${token}`,
      "x-supabase-api-version": "2024-01-01",
    },
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe("refresh_token grant", () => {
  it("rotates the refresh token and keeps the session", async () => {
    const { client, session } = await signedInClient();
    const { data, error } = await client.auth.refreshSession();
    expect(error).toBeNull();
    expect(data.session?.refresh_token).toMatch(/^[a-z2-7]{12}$/);
    expect(data.session?.refresh_token).not.toBe(session.refresh_token);
    expect(decodeJwt(data.session?.access_token ?? "").payload.session_id).toBe(
      decodeJwt(session.access_token).payload.session_id,
    );
    expect(data.user?.id).toBe(session.user.id);
  });

  it("gives the active token back for its parent, refuses older ones and then ends the session", async () => {
    const { client, session } = await signedInClient();
    const first = session.refresh_token;
    const second = (await client.auth.refreshSession()).data.session?.refresh_token;
    expect(second).toBeTruthy();

    // The client lost the answer: its previous token still yields the active one.
    const again = await testClient(server).client.auth.refreshSession({ refresh_token: first });
    expect(again.error).toBeNull();
    expect(again.data.session?.refresh_token).toBe(second);

    const third = (await testClient(server).client.auth.refreshSession({ refresh_token: second ?? "" })).data
      .session?.refresh_token;
    expect(third).toBeTruthy();

    const reused = await testClient(server).client.auth.refreshSession({ refresh_token: first });
    expect(reused.error).toBeInstanceOf(AuthApiError);
    expect(reused.error?.code).toBe("refresh_token_already_used");
    expect(reused.error?.status).toBe(400);
    expect(reused.error?.message).toBe("Invalid Refresh Token: Already Used");

    // Reuse ended the session: its tokens went with it, the newest one included.
    const newest = await testClient(server).client.auth.refreshSession({ refresh_token: third ?? "" });
    expect(newest.error?.code).toBe("refresh_token_not_found");
  });

  it("reuse after the interval ends the session: the newest refresh token and the access token stop too", async () => {
    // A server with a 1 s reuse interval, so a late reuse can happen within the test.
    process.env.TRYLIATE_REFRESH_TOKEN_REUSE_INTERVAL = "1";
    const lenient = await startAuthTestServer();
    process.env.TRYLIATE_REFRESH_TOKEN_REUSE_INTERVAL = "0";
    try {
      const email = uniqueEmail();
      await testClient(lenient).client.auth.signUp({ email, password: "secret123" });
      const signedIn = await testClient(lenient).client.auth.signInWithPassword({
        email,
        password: "secret123",
      });
      const rt0 = signedIn.data.session?.refresh_token ?? "";
      const refresh = (token: string) =>
        testClient(lenient).client.auth.refreshSession({ refresh_token: token });
      const rt1 = (await refresh(rt0)).data.session?.refresh_token ?? "";
      const second = (await refresh(rt1)).data.session;
      expect(second?.refresh_token).toBeTruthy();

      await new Promise((resolve) => setTimeout(resolve, 1_300));
      const reused = await refresh(rt0);
      expect(reused.error?.code).toBe("refresh_token_already_used");

      const newest = await refresh(second?.refresh_token ?? "");
      expect(newest.error).toBeInstanceOf(AuthApiError);
      expect(newest.data.session).toBeNull();
      const user = await fetch(`${lenient.url}/auth/v1/user`, {
        headers: {
          apikey: lenient.context.config.publishableKey,
          authorization: `Bearer ${second?.access_token}`,
        },
      });
      expect(user.status).toBe(403);
    } finally {
      await lenient.close();
    }
  });

  it("refuses an unknown refresh token with refresh_token_not_found", async () => {
    const { error } = await testClient(server).client.auth.refreshSession({ refresh_token: "abcdefghijkl" });
    expect(error?.code).toBe("refresh_token_not_found");
    expect(error?.status).toBe(400);
    expect(error?.message).toBe("Invalid Refresh Token: Refresh Token Not Found");
  });
});

describe("user", () => {
  it("getUser returns the signed-in user", async () => {
    const { client, session, email } = await signedInClient();
    const { data, error } = await client.auth.getUser();
    expect(error).toBeNull();
    expect(data.user?.id).toBe(session.user.id);
    expect(data.user?.email).toBe(email);
  });

  it("getUser with a broken token answers bad_jwt (403)", async () => {
    const { session } = await signedInClient();
    const tampered = `${session.access_token.slice(0, -4)}AAAA`;
    const { error } = await testClient(server).client.auth.getUser(tampered);
    expect(error).toBeInstanceOf(AuthApiError);
    expect(error?.code).toBe("bad_jwt");
    expect(error?.status).toBe(403);
  });

  it("updateUser merges user_metadata, changes the e-mail and the password", async () => {
    const { client, email } = await signedInClient();
    const first = await client.auth.updateUser({ data: { display_name: "Grace", theme: "dark" } });
    expect(first.error).toBeNull();
    expect(first.data.user?.user_metadata).toEqual({
      display_name: "Grace",
      theme: "dark",
      email_verified: true,
    });
    const second = await client.auth.updateUser({ data: { theme: null } });
    expect(second.data.user?.user_metadata).toEqual({ display_name: "Grace", email_verified: true });

    const newEmail = uniqueEmail("renamed");
    const renamed = await client.auth.updateUser({ email: newEmail });
    expect(renamed.error).toBeNull();
    expect(renamed.data.user?.email).toBe(newEmail);
    const profile = await server.context.pool.query("select email from public.users where id = $1", [
      renamed.data.user?.id,
    ]);
    expect(profile.rows[0]?.email).toBe(newEmail);

    const weak = await client.auth.updateUser({ password: "123" });
    expect(weak.error?.code).toBe("weak_password");
    const changed = await client.auth.updateUser({ password: "new-secret-456" });
    expect(changed.error).toBeNull();
    const oldLogin = await testClient(server).client.auth.signInWithPassword({
      email,
      password: "secret123",
    });
    expect(oldLogin.error?.code).toBe("invalid_credentials");
    const newLogin = await testClient(server).client.auth.signInWithPassword({
      email: newEmail,
      password: "new-secret-456",
    });
    expect(newLogin.error).toBeNull();
  });

  it("updateUser refuses an e-mail that belongs to someone else", async () => {
    const other = await signedInClient();
    const { client } = await signedInClient();
    const { error } = await client.auth.updateUser({ email: other.email });
    expect(error?.code).toBe("email_exists");
    expect(error?.status).toBe(422);
  });
});

describe("signOut", () => {
  it("local ends only this session: its token stops working, the other session lives", async () => {
    const email = uniqueEmail();
    const a = await signedInClient(email);
    const b = testClient(server);
    const signIn = await b.client.auth.signInWithPassword({ email, password: "secret123" });
    expect(signIn.error).toBeNull();

    expect((await a.client.auth.signOut({ scope: "local" })).error).toBeNull();
    const afterA = await testClient(server).client.auth.getUser(a.session.access_token);
    // auth-js turns the server's session_not_found into AuthSessionMissingError.
    expect(afterA.error).toBeInstanceOf(AuthSessionMissingError);
    expect(await rawGetUser(a.session.access_token)).toEqual({
      status: 403,
      body: { code: "session_not_found", message: "Session from session_id claim in JWT does not exist" },
    });
    const refreshA = await testClient(server).client.auth.refreshSession({
      refresh_token: a.session.refresh_token,
    });
    expect(refreshA.error?.code).toBe("refresh_token_not_found");
    await expect(verifyAccessToken(server.context, a.session.access_token)).rejects.toMatchObject({
      code: "session_not_found",
    });

    expect((await b.client.auth.getUser()).error).toBeNull();
    expect((await b.client.auth.refreshSession()).error).toBeNull();
  });

  it("global ends every session of the user: the other session's refresh then fails", async () => {
    const email = uniqueEmail();
    const a = await signedInClient(email);
    const b = testClient(server);
    const bSession = (await b.client.auth.signInWithPassword({ email, password: "secret123" })).data.session;
    if (!bSession) throw new Error("no session");

    expect((await a.client.auth.signOut()).error).toBeNull();
    expect((await a.client.auth.getSession()).data.session).toBeNull();
    const refreshB = await b.client.auth.refreshSession();
    expect(refreshB.error?.code).toBe("refresh_token_not_found");
    expect((await rawGetUser(bSession.access_token)).body.code).toBe("session_not_found");
  });

  it("others keeps this session only", async () => {
    const email = uniqueEmail();
    const a = await signedInClient(email);
    const b = testClient(server);
    const bSession = (await b.client.auth.signInWithPassword({ email, password: "secret123" })).data.session;
    expect((await a.client.auth.signOut({ scope: "others" })).error).toBeNull();
    expect((await a.client.auth.getUser()).error).toBeNull();
    expect((await rawGetUser(bSession?.access_token ?? "")).body.code).toBe("session_not_found");
  });
});

describe("getClaims", () => {
  it("verifies the token with the JWKS, without asking /user", async () => {
    const { client, requests, session } = await signedInClient();
    requests.length = 0;
    const { data, error } = await client.auth.getClaims();
    expect(error).toBeNull();
    expect(data?.header.alg).toBe("ES256");
    expect(data?.header.kid).toBe(server.context.signingKey.kid);
    expect(data?.claims.sub).toBe(session.user.id);
    expect(requests).toEqual([`GET ${server.url}/auth/v1/.well-known/jwks.json`]);
  });

  it("rejects a token whose signature does not match", async () => {
    const { client, session } = await signedInClient();
    const [header, payload] = session.access_token.split(".");
    const forged = JSON.parse(Buffer.from(payload ?? "", "base64url").toString());
    forged.app_metadata = { role: "admin" };
    const token = `${header}.${Buffer.from(JSON.stringify(forged)).toString("base64url")}.${session.access_token.split(".")[2]}`;
    const { data, error } = await client.auth.getClaims(token);
    expect(data).toBeNull();
    expect(error?.message).toBe("Invalid JWT signature");
  });
});

describe("concurrency", () => {
  it("two refreshes of one token at once both get the same new token", async () => {
    const { session } = await signedInClient();
    const [a, b] = await Promise.all([
      testClient(server).client.auth.refreshSession({ refresh_token: session.refresh_token }),
      testClient(server).client.auth.refreshSession({ refresh_token: session.refresh_token }),
    ]);
    expect(a.error).toBeNull();
    expect(b.error).toBeNull();
    expect(a.data.session?.refresh_token).toBe(b.data.session?.refresh_token);
  });

  it("two signups of one e-mail at once make one user", async () => {
    const email = uniqueEmail();
    const results = await Promise.all([
      testClient(server).client.auth.signUp({ email, password: "secret123" }),
      testClient(server).client.auth.signUp({ email, password: "secret123" }),
    ]);
    expect(results.map((result) => result.error?.code ?? "ok").sort()).toEqual(["ok", "user_already_exists"]);
  });
});
