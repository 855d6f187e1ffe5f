import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testClient, uniqueEmail } from "../../test/auth-clients";
import { type AuthTestServer, startAuthTestServer } from "../../test/auth-server";

let server: AuthTestServer;
beforeAll(async () => {
  server = await startAuthTestServer();
});
afterAll(async () => {
  await server?.close();
});

type Call = { method?: string; body?: unknown; headers?: Record<string, string> };

async function call(path: string, { method = "GET", body, headers = {} }: Call = {}) {
  const response = await fetch(`${server.url}/auth/v1${path}`, {
    method,
    headers: {
      apikey: server.context.config.publishableKey,
      "x-supabase-api-version": "2024-01-01",
      ...(body === undefined ? {} : { "content-type": "application/json" }),
      ...headers,
    },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { response, body: text ? (JSON.parse(text) as Record<string, unknown>) : null };
}

describe("public endpoints", () => {
  it("JWKS lists the public signing key, cacheable, without an API key", async () => {
    const response = await fetch(`${server.url}/auth/v1/.well-known/jwks.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("public, max-age=600");
    const { keys } = (await response.json()) as { keys: Record<string, unknown>[] };
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({
      kty: "EC",
      crv: "P-256",
      alg: "ES256",
      kid: server.context.signingKey.kid,
      use: "sig",
      key_ops: ["verify"],
    });
    expect(keys[0]).not.toHaveProperty("d");
  });

  it("settings and health answer like GoTrue", async () => {
    const settings = await call("/settings");
    expect(settings.response.status).toBe(200);
    expect(settings.body).toMatchObject({ disable_signup: false, mailer_autoconfirm: true });
    expect(settings.body?.external).toMatchObject({ email: true, phone: false });
    const health = await call("/health");
    expect(health.response.status).toBe(200);
    expect(health.body).toMatchObject({ name: "GoTrue" });
  });
});

describe("API key", () => {
  it("is required and must be one of the project keys", async () => {
    const missing = await fetch(`${server.url}/auth/v1/settings`);
    expect(missing.status).toBe(401);
    expect(await missing.json()).toMatchObject({ message: "No API key found in request" });
    const wrong = await call("/settings", { headers: { apikey: "sb_publishable_not_this_one" } });
    expect(wrong.response.status).toBe(401);
    expect(wrong.body).toMatchObject({ message: "Invalid API key" });
    const secret = await call("/settings", { headers: { apikey: server.context.config.secretKey } });
    expect(secret.response.status).toBe(200);
  });

  it("as the bearer of /user is no user token (bad_jwt, 403)", async () => {
    const { error } = await testClient(server).client.auth.getUser(server.context.config.publishableKey);
    expect(error?.code).toBe("bad_jwt");
    expect(error?.status).toBe(403);
  });
});

describe("error shapes", () => {
  it("dated API: {code, message} with the version and error-code headers", async () => {
    const { response, body } = await call("/token?grant_type=password", {
      method: "POST",
      body: { email: uniqueEmail(), password: "whatever" },
    });
    expect(response.status).toBe(400);
    expect(response.headers.get("x-supabase-api-version")).toBe("2024-01-01");
    expect(response.headers.get("x-sb-error-code")).toBe("invalid_credentials");
    expect(body).toEqual({ code: "invalid_credentials", message: "Invalid login credentials" });
  });

  it("legacy (no version header): {code: status, error_code, msg}", async () => {
    const { response, body } = await call("/token?grant_type=password", {
      method: "POST",
      body: { email: uniqueEmail(), password: "whatever" },
      headers: { "x-supabase-api-version": "" },
    });
    expect(response.status).toBe(400);
    expect(response.headers.get("x-supabase-api-version")).toBeNull();
    expect(body).toEqual({ code: 400, error_code: "invalid_credentials", msg: "Invalid login credentials" });
  });

  it("weak password carries weak_password.reasons", async () => {
    const { response, body } = await call("/signup", {
      method: "POST",
      body: { email: uniqueEmail(), password: "abc" },
    });
    expect(response.status).toBe(422);
    expect(body).toEqual({
      code: "weak_password",
      message: "Password should be at least 6 characters.",
      weak_password: { reasons: ["length"] },
    });
  });

  it("OAuth-style error for a refresh grant without a token", async () => {
    const { response, body } = await call("/token?grant_type=refresh_token", { method: "POST", body: {} });
    expect(response.status).toBe(400);
    expect(body).toEqual({ error: "invalid_request", error_description: "refresh_token required" });
  });

  it("bad JSON, unsupported grant, no bearer, password over 72 bytes, login without e-mail", async () => {
    const badJson = await call("/signup", { method: "POST", body: "{not json" });
    expect(badJson.response.status).toBe(400);
    expect(badJson.body?.code).toBe("bad_json");

    const grant = await call("/token?grant_type=magic", { method: "POST", body: {} });
    expect(grant.response.status).toBe(400);
    expect(grant.body).toEqual({ code: "invalid_credentials", message: "unsupported_grant_type" });

    const noBearer = await call("/user");
    expect(noBearer.response.status).toBe(401);
    expect(noBearer.body?.code).toBe("no_authorization");

    const long = await call("/signup", {
      method: "POST",
      body: { email: uniqueEmail(), password: "x".repeat(73) },
    });
    expect(long.response.status).toBe(400);
    expect(long.body).toEqual({
      code: "validation_failed",
      message: "Password cannot be longer than 72 characters",
    });

    const noEmail = await call("/token?grant_type=password", {
      method: "POST",
      body: { password: "secret123" },
    });
    expect(noEmail.body).toEqual({ code: "validation_failed", message: "missing email or phone" });

    const unknown = await call("/nope");
    expect(unknown.response.status).toBe(404);
  });

  it("logout with an unknown scope changes nothing", async () => {
    const email = uniqueEmail();
    const { data } = await testClient(server).client.auth.signUp({ email, password: "secret123" });
    const token = data.session?.access_token ?? "";
    const { response, body } = await call("/logout?scope=everything", {
      method: "POST",
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(400);
    expect(body?.code).toBe("validation_failed");
    expect((await call("/user", { headers: { authorization: `Bearer ${token}` } })).response.status).toBe(
      200,
    );
  });
});

describe("expired access token", () => {
  it("is refused by /user with bad_jwt", async () => {
    const { signJwt } = await import("../keys");
    const { data } = await testClient(server).client.auth.signUp({
      email: uniqueEmail(),
      password: "secret123",
    });
    const now = Math.floor(Date.now() / 1000);
    const expired = await signJwt(server.context.signingKey, {
      sub: data.user?.id,
      aud: "authenticated",
      role: "authenticated",
      iat: now - 7200,
      exp: now - 3600,
    });
    const { response, body } = await call("/user", { headers: { authorization: `Bearer ${expired}` } });
    expect(response.status).toBe(403);
    expect(body).toEqual({
      code: "bad_jwt",
      message: "invalid JWT: unable to parse or verify signature, token has invalid claims: token is expired",
    });
  });
});

describe("disabled and refused sign-ins", () => {
  it("signInAnonymously is refused: anonymous sign-ins are off", async () => {
    const { error } = await testClient(server).client.auth.signInAnonymously();
    expect(error?.code).toBe("anonymous_provider_disabled");
    expect(error?.status).toBe(422);
  });

  it("a banned user gets user_banned, only with the right password", async () => {
    const email = uniqueEmail();
    await testClient(server).client.auth.signUp({ email, password: "secret123" });
    await server.context.pool.query(
      "update auth.users set banned_until = now() + interval '1 hour' where email = $1",
      [email],
    );
    const wrong = await testClient(server).client.auth.signInWithPassword({ email, password: "wrong-one" });
    expect(wrong.error?.code).toBe("invalid_credentials");
    const right = await testClient(server).client.auth.signInWithPassword({ email, password: "secret123" });
    expect(right.error?.code).toBe("user_banned");
    expect(right.data.session).toBeNull();
  });
});

describe("refresh token reuse interval (default 10 s, like GoTrue)", () => {
  it("accepts an older rotated token within the interval", async () => {
    const { client } = testClient(server);
    const { data } = await client.auth.signUp({ email: uniqueEmail(), password: "secret123" });
    const first = data.session?.refresh_token ?? "";
    const second = (await client.auth.refreshSession()).data.session?.refresh_token ?? "";
    const third = (await client.auth.refreshSession()).data.session?.refresh_token;
    expect(new Set([first, second, third]).size).toBe(3);
    const reused = await testClient(server).client.auth.refreshSession({ refresh_token: first });
    expect(reused.error).toBeNull();
    expect(reused.data.session?.refresh_token).not.toBe(first);
  });
});
