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

const adminClient = () => testClient(server, server.context.config.secretKey).client.auth.admin;

describe("/admin/users with the secret key (supabase-js auth.admin)", () => {
  it("creates, reads, updates, lists and deletes users", async () => {
    const admin = adminClient();
    const email = uniqueEmail();
    const created = await admin.createUser({
      email,
      password: "secret123",
      email_confirm: true,
      user_metadata: { display_name: "Admin-made" },
      app_metadata: { role: "admin" },
    });
    expect(created.error).toBeNull();
    const id = created.data.user?.id ?? "";
    expect(created.data.user?.app_metadata).toEqual({
      provider: "email",
      providers: ["email"],
      role: "admin",
    });

    const signIn = await testClient(server).client.auth.signInWithPassword({ email, password: "secret123" });
    expect(signIn.error).toBeNull();

    expect((await admin.getUserById(id)).data.user?.email).toBe(email);
    const updated = await admin.updateUserById(id, {
      user_metadata: { theme: "dark" },
      app_metadata: { role: null },
    });
    expect(updated.error).toBeNull();
    expect(updated.data.user?.user_metadata).toEqual({
      display_name: "Admin-made",
      theme: "dark",
      email_verified: true,
    });
    expect(updated.data.user?.app_metadata).toEqual({ provider: "email", providers: ["email"] });

    const listed = await admin.listUsers({ page: 1, perPage: 1000 });
    expect(listed.error).toBeNull();
    expect(listed.data.users.some((user) => user.id === id)).toBe(true);

    const taken = await admin.createUser({ email, password: "secret123" });
    expect(taken.error?.code).toBe("email_exists");

    expect((await admin.deleteUser(id)).error).toBeNull();
    expect((await admin.getUserById(id)).error?.status).toBe(404);
    const { rowCount } = await server.context.pool.query("select 1 from public.users where id = $1", [id]);
    expect(rowCount).toBe(0);
  });

  it("an unconfirmed user cannot sign in (email_not_confirmed)", async () => {
    const email = uniqueEmail();
    expect((await adminClient().createUser({ email, password: "secret123" })).error).toBeNull();
    const { error } = await testClient(server).client.auth.signInWithPassword({
      email,
      password: "secret123",
    });
    expect(error?.code).toBe("email_not_confirmed");
  });

  it("refuses the publishable key and user tokens with not_admin", async () => {
    const asPublic = await testClient(server).client.auth.admin.listUsers();
    expect(asPublic.error?.code).toBe("not_admin");
    expect(asPublic.error?.status).toBe(403);
    const { client } = testClient(server);
    await client.auth.signUp({ email: uniqueEmail(), password: "secret123" });
    const response = await fetch(`${server.url}/auth/v1/admin/users`, {
      headers: {
        apikey: server.context.config.publishableKey,
        authorization: `Bearer ${(await client.auth.getSession()).data.session?.access_token}`,
      },
    });
    expect(response.status).toBe(403);
  });
});
