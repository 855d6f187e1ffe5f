import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeJwt, testClient, uniqueEmail } from "../../test/auth-clients";
import { type AuthTestServer, startAuthTestServer } from "../../test/auth-server";
import { createUser, setUserRole } from "./admin";

let server: AuthTestServer;
beforeAll(async () => {
  server = await startAuthTestServer();
});
afterAll(async () => {
  await server?.close();
});

describe("createUser", () => {
  it("creates a confirmed user that can sign in, with its profile", async () => {
    const email = uniqueEmail("Admin-Made");
    const user = await createUser(server.context.pool, {
      email,
      password: "secret123",
      userMetadata: { display_name: "Made" },
    });
    expect(user.email).toBe(email.toLowerCase());
    const { data, error } = await testClient(server).client.auth.signInWithPassword({
      email,
      password: "secret123",
    });
    expect(error).toBeNull();
    expect(data.user?.id).toBe(user.id);
    expect(data.user?.user_metadata).toEqual({ display_name: "Made", email_verified: true });
    const profile = await server.context.pool.query("select display_name from public.users where id = $1", [
      user.id,
    ]);
    expect(profile.rows[0]?.display_name).toBe("Made");
  });

  it("throws a clear error for a taken e-mail, a bad e-mail or a weak password, creating nothing", async () => {
    const email = uniqueEmail();
    await createUser(server.context.pool, { email, password: "secret123" });
    await expect(
      createUser(server.context.pool, { email: email.toUpperCase(), password: "secret123" }),
    ).rejects.toThrow(`A user with the email ${email} already exists`);
    await expect(createUser(server.context.pool, { email: "nope", password: "secret123" })).rejects.toThrow(
      "Unable to validate email address: invalid format",
    );
    const weakEmail = uniqueEmail();
    await expect(createUser(server.context.pool, { email: weakEmail, password: "123" })).rejects.toThrow(
      "Password should be at least 6 characters.",
    );
    const { rowCount } = await server.context.pool.query("select 1 from auth.users where email = $1", [
      weakEmail,
    ]);
    expect(rowCount).toBe(0);
  });
});

describe("setUserRole", () => {
  it("puts app_metadata.role into the next token, and takes it out again", async () => {
    const email = uniqueEmail();
    await createUser(server.context.pool, { email, password: "secret123" });
    await setUserRole(server.context.pool, email, "admin");
    const signIn = await testClient(server).client.auth.signInWithPassword({ email, password: "secret123" });
    expect(decodeJwt(signIn.data.session?.access_token ?? "").payload.app_metadata).toEqual({
      provider: "email",
      providers: ["email"],
      role: "admin",
    });

    await setUserRole(server.context.pool, email, null);
    const { client } = testClient(server);
    await client.auth.setSession({
      access_token: signIn.data.session?.access_token ?? "",
      refresh_token: signIn.data.session?.refresh_token ?? "",
    });
    const refreshed = await client.auth.refreshSession();
    expect(decodeJwt(refreshed.data.session?.access_token ?? "").payload.app_metadata).toEqual({
      provider: "email",
      providers: ["email"],
    });
  });

  it("throws for an unknown e-mail", async () => {
    await expect(setUserRole(server.context.pool, uniqueEmail("ghost"), "admin")).rejects.toThrow(
      /No user with the email/,
    );
  });
});
