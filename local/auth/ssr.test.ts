import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uniqueEmail } from "../../test/auth-clients";
import { type AuthTestServer, startAuthTestServer } from "../../test/auth-server";
import { ssrCookieJar } from "../../test/cookie-jar";
import { createUser } from "./admin";

let server: AuthTestServer;
beforeAll(async () => {
  server = await startAuthTestServer();
});
afterAll(async () => {
  await server?.close();
});

describe("@supabase/ssr server client", () => {
  it("signInWithPassword writes the sb-127-auth-token cookie; a new client reads it back", async () => {
    const email = uniqueEmail();
    const user = await createUser(server.context.pool, { email, password: "secret123" });
    const jar = ssrCookieJar(server);

    const { data, error } = await jar.client().auth.signInWithPassword({ email, password: "secret123" });
    expect(error).toBeNull();
    expect(data.user?.id).toBe(user.id);

    const cookie = jar.cookies.get("sb-127-auth-token");
    expect(cookie?.value.startsWith("base64-")).toBe(true);
    expect(cookie?.options).toMatchObject({ path: "/", sameSite: "lax", maxAge: 34560000 });
    const stored = JSON.parse(
      Buffer.from(cookie?.value.slice("base64-".length) ?? "", "base64url").toString("utf8"),
    );
    expect(stored.access_token).toBe(data.session?.access_token);
    expect(stored.refresh_token).toBe(data.session?.refresh_token);

    // The next request: a fresh server client over the same cookies.
    const next = jar.client();
    const claims = await next.auth.getClaims();
    expect(claims.error).toBeNull();
    expect(claims.data?.claims.sub).toBe(user.id);
    expect(claims.data?.claims.email).toBe(email);
    expect(claims.data?.header.alg).toBe("ES256");
    const fetched = await next.auth.getUser();
    expect(fetched.data.user?.id).toBe(user.id);

    // Signing out clears the cookie, and the session is gone server-side.
    expect((await next.auth.signOut()).error).toBeNull();
    expect(jar.cookies.has("sb-127-auth-token")).toBe(false);
    const { rowCount } = await server.context.pool.query("select 1 from auth.sessions where user_id = $1", [
      user.id,
    ]);
    expect(rowCount).toBe(0);
  });
});
