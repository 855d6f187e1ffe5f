import { createChunks, stringToBase64URL } from "@supabase/ssr";
import { createClient, type Session } from "@supabase/supabase-js";
import { TRPCError } from "@trpc/server";
import { generateKeyPair, SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signJwt } from "@/local/keys";
import { type AuthTestServer, startAuthTestServer } from "@/test/auth-server";

// createContext against the real local Auth server: the session cookie is read the way
// @supabase/ssr writes it, and getClaims() checks its signature against the server's JWKS.

type ContextModule = typeof import("./context");
type RootModule = typeof import("@/server/api/root");

// The local stack (test/local-stack.ts startTestStack) once Realtime exists, else Auth alone.
let stack: AuthTestServer;
let contextModule: ContextModule;
let rootModule: RootModule;
let session: Session;
let otherSession: Session;

async function signUp(email: string): Promise<Session> {
  const supabase = createClient(stack.url, stack.context.config.publishableKey, {
    auth: { persistSession: false, autoRefreshToken: false },
  });
  const { data, error } = await supabase.auth.signUp({ email, password: "correct-horse-battery" });
  if (error || !data.session) throw new Error(`sign-up failed: ${error?.message}`);
  return data.session;
}

/** The Cookie header @supabase/ssr would send for this session (base64url, chunked if long). */
function cookieHeaderFor(value: unknown): Headers {
  const name = `sb-${new URL(stack.url).hostname.split(".")[0]}-auth-token`;
  const encoded = `base64-${stringToBase64URL(JSON.stringify(value))}`;
  const cookie = createChunks(name, encoded)
    .map((chunk) => `${chunk.name}=${chunk.value}`)
    .join("; ");
  return new Headers({ cookie });
}

function withAccessToken(base: Session, accessToken: string, overrides: Partial<Session> = {}): Session {
  return { ...base, access_token: accessToken, ...overrides };
}

function decodePayload(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split(".")[1] ?? "", "base64url").toString("utf8"));
}

async function claimsFrom(headers: Headers) {
  return (await contextModule.createContext({ headers })).claims;
}

async function expectUnauthorized(headers: Headers) {
  const ctx = await contextModule.createContext({ headers });
  expect(ctx.claims).toBeNull();
  const error = await rootModule
    .createCaller(ctx)
    .users.me()
    .catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(TRPCError);
  expect((error as TRPCError).code).toBe("UNAUTHORIZED");
}

beforeAll(async () => {
  stack = await startAuthTestServer();
  // publicEnv is read when lib/env/public.ts loads: point it at this stack first.
  process.env.NEXT_PUBLIC_SUPABASE_URL = stack.url;
  process.env.NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY = stack.context.config.publishableKey;
  contextModule = await import("./context");
  rootModule = await import("@/server/api/root");
  const tag = Date.now().toString(36);
  session = await signUp(`ctx-a-${tag}@example.test`);
  otherSession = await signUp(`ctx-b-${tag}@example.test`);
});

afterAll(async () => {
  await stack?.close();
});

describe("createContext", () => {
  it("accepts the session cookie of a signed-in user and calls procedures as them", async () => {
    const headers = cookieHeaderFor(session);
    const claims = await claimsFrom(headers);
    expect(claims?.sub).toBe(session.user.id);
    expect(claims?.role).toBe("authenticated");
    const me = await rootModule.createCaller(await contextModule.createContext({ headers })).users.me();
    expect(me.id).toBe(session.user.id);
    expect(me.email).toBe(session.user.email);
  });

  it("gives no claims without a cookie", async () => {
    await expectUnauthorized(new Headers());
  });

  it("rejects a token whose payload was edited (claims another user's id)", async () => {
    const [header, , signature] = session.access_token.split(".");
    const payload = { ...decodePayload(session.access_token), sub: otherSession.user.id };
    const forged = `${header}.${Buffer.from(JSON.stringify(payload)).toString("base64url")}.${signature}`;
    await expectUnauthorized(cookieHeaderFor(withAccessToken(session, forged)));
  });

  it("rejects a token signed with someone else's key under the server's key id", async () => {
    const { privateKey } = await generateKeyPair("ES256");
    const forged = await new SignJWT(decodePayload(session.access_token))
      .setProtectedHeader({ alg: "ES256", kid: stack.context.signingKey.kid, typ: "JWT" })
      .sign(privateKey);
    await expectUnauthorized(cookieHeaderFor(withAccessToken(session, forged)));
  });

  it("rejects an admin role the user wrote into their own token", async () => {
    const payload = { ...decodePayload(session.access_token), app_metadata: { role: "admin" } };
    const [header, , signature] = session.access_token.split(".");
    const forged = `${header}.${Buffer.from(JSON.stringify(payload)).toString("base64url")}.${signature}`;
    await expectUnauthorized(cookieHeaderFor(withAccessToken(session, forged)));
  });

  it("rejects an expired token signed with the server's real key", async () => {
    const now = Math.floor(Date.now() / 1000);
    const expired = await signJwt(stack.context.signingKey, {
      ...decodePayload(session.access_token),
      iat: now - 7200,
      exp: now - 3600,
    });
    // The cookie claims the session is still fresh, so nothing refreshes it: only the JWT's own exp counts.
    await expectUnauthorized(cookieHeaderFor(withAccessToken(session, expired, { expires_at: now + 3000 })));
  });

  it("rejects an expired session whose refresh token is not real", async () => {
    const now = Math.floor(Date.now() / 1000);
    const expired = await signJwt(stack.context.signingKey, {
      ...decodePayload(session.access_token),
      iat: now - 7200,
      exp: now - 3600,
    });
    await expectUnauthorized(
      cookieHeaderFor(
        withAccessToken(session, expired, { expires_at: now - 3600, refresh_token: "not-a-real-token" }),
      ),
    );
  });

  it("rejects a token without exp, signed with the server's real key", async () => {
    const { exp: _exp, ...payload } = decodePayload(session.access_token);
    const forever = await signJwt(stack.context.signingKey, payload);
    await expectUnauthorized(cookieHeaderFor(withAccessToken(session, forever)));
  });

  it.each([["anon"], [["authenticated", "other"]], [undefined]])(
    "rejects a token whose aud is %j, signed with the server's real key",
    async (aud) => {
      const forged = await signJwt(stack.context.signingKey, { ...decodePayload(session.access_token), aud });
      await expectUnauthorized(cookieHeaderFor(withAccessToken(session, forged)));
    },
  );

  it("after sign-out everywhere, the still unexpired access token can neither write nor read", async () => {
    const victim = await signUp(`ctx-c-${Date.now().toString(36)}@example.test`);
    const headers = cookieHeaderFor(victim);
    const api = rootModule.createCaller(await contextModule.createContext({ headers }));
    await api.workflows.create({ name: "before" });

    const logout = await fetch(`${stack.url}/auth/v1/logout?scope=global`, {
      method: "POST",
      headers: {
        apikey: stack.context.config.publishableKey,
        authorization: `Bearer ${victim.access_token}`,
      },
    });
    expect(logout.status).toBe(204);

    // The signature still verifies, so the context still has claims; the session check refuses them.
    const after = rootModule.createCaller(await contextModule.createContext({ headers }));
    for (const call of [() => after.workflows.create({ name: "after" }), () => after.workflows.list({})]) {
      const error = await call().catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(TRPCError);
      expect((error as TRPCError).code).toBe("UNAUTHORIZED");
    }
  });

  it("rejects a cookie that is not a session at all", async () => {
    await expectUnauthorized(new Headers({ cookie: "sb-127-auth-token=base64-bm90LWpzb24" }));
  });
});
