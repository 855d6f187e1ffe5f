import type { TRPCError } from "@trpc/server";
import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import type { JwtClaims } from "@/server/platform/db/claims";
import { callerWithClaims, trpcError } from "@/test/trpc";
import { insertTestUser, type TestUser } from "@/test/users";

const databaseUrl = process.env.DATABASE_URL ?? "";

let alice: TestUser;
let bob: TestUser;
let admin: TestUser;

const callerFor = callerWithClaims;

async function expectTRPCError(promise: Promise<unknown>, code: TRPCError["code"]): Promise<TRPCError> {
  const error = await trpcError(promise);
  expect(error.code).toBe(code);
  return error;
}

async function profileRow(id: string) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query(
      "select display_name, avatar_url, color from public.users where id = $1",
      [id],
    );
    return rows[0];
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  alice = await insertTestUser(databaseUrl);
  bob = await insertTestUser(databaseUrl);
  admin = await insertTestUser(databaseUrl, { appMetadata: { role: "admin" } });
});

describe("users.me", () => {
  it("returns the caller's own profile, and only selected columns", async () => {
    const me = await callerFor(alice.claims).users.me();
    expect(me.id).toBe(alice.id);
    expect(me.email).toBe(alice.email);
    expect(Object.keys(me).sort()).toEqual([
      "avatarUrl",
      "color",
      "createdAt",
      "displayName",
      "email",
      "id",
      "updatedAt",
    ]);
    expect(me.createdAt).toBeInstanceOf(Date);
  });

  it("each user sees only their own row", async () => {
    const [a, b] = await Promise.all([callerFor(alice.claims).users.me(), callerFor(bob.claims).users.me()]);
    expect(a.id).toBe(alice.id);
    expect(b.id).toBe(bob.id);
  });

  it("claims for a user that does not exist find nothing (NOT_FOUND through the domain error map)", async () => {
    // No session_id: with alice's, the session check would refuse it first (UNAUTHORIZED).
    const { session_id: _session, ...rest } = alice.claims;
    const ghost: JwtClaims = { ...rest, sub: "00000000-0000-4000-8000-000000000000" };
    const error = await expectTRPCError(callerFor(ghost).users.me(), "NOT_FOUND");
    expect(error.message).toBe("Your profile could not be found.");
  });

  it("refuses a caller without claims with UNAUTHORIZED", async () => {
    await expectTRPCError(callerFor(null).users.me(), "UNAUTHORIZED");
  });
});

describe("users.updateProfile", () => {
  it("updates the caller's own profile and nobody else's", async () => {
    const before = await profileRow(bob.id);
    const updated = await callerFor(alice.claims).users.updateProfile({
      displayName: "  Alice Liddell ",
      avatarUrl: "https://images.example.test/alice.png",
      color: "#AABBCC",
    });
    expect(updated).toMatchObject({
      id: alice.id,
      displayName: "Alice Liddell",
      avatarUrl: "https://images.example.test/alice.png",
      color: "#aabbcc",
    });
    expect(await profileRow(alice.id)).toEqual({
      display_name: "Alice Liddell",
      avatar_url: "https://images.example.test/alice.png",
      color: "#aabbcc",
    });
    expect(await profileRow(bob.id)).toEqual(before);
  });

  it("clears the display name and avatar when given empty strings", async () => {
    const updated = await callerFor(alice.claims).users.updateProfile({ displayName: "", avatarUrl: "" });
    expect(updated.displayName).toBeNull();
    expect(updated.avatarUrl).toBeNull();
  });

  it.each([
    [
      { avatarUrl: "http://insecure.example.test/a.png" },
      "avatarUrl: Avatar URL must be an https:// address.",
    ],
    [{ avatarUrl: "javascript:alert(1)" }, "avatarUrl: Avatar URL must be an https:// address."],
    [{ color: "red" }, "color: Colour must look like #rrggbb."],
    [{ displayName: "x".repeat(81) }, "displayName: Display name must be at most 80 characters."],
  ])("rejects %o with BAD_REQUEST, a readable message, and changes nothing", async (input, message) => {
    const before = await profileRow(bob.id);
    const error = await expectTRPCError(callerFor(bob.claims).users.updateProfile(input), "BAD_REQUEST");
    expect(error.message).toBe(message);
    expect(await profileRow(bob.id)).toEqual(before);
  });

  it("rejects unknown fields (no writing someone else's id or email)", async () => {
    const before = await profileRow(bob.id);
    await expectTRPCError(
      callerFor(bob.claims).users.updateProfile({ id: alice.id, email: "x@example.test" } as never),
      "BAD_REQUEST",
    );
    expect(await profileRow(bob.id)).toEqual(before);
  });

  it("refuses a caller without claims with UNAUTHORIZED and changes nothing", async () => {
    const before = await profileRow(bob.id);
    await expectTRPCError(callerFor(null).users.updateProfile({ displayName: "Mallory" }), "UNAUTHORIZED");
    expect(await profileRow(bob.id)).toEqual(before);
  });
});

describe("users.adminStats", () => {
  it("gives an admin instance-wide counts", async () => {
    const stats = await callerFor(admin.claims).users.adminStats();
    expect(stats.users).toBeGreaterThanOrEqual(3);
    expect(stats).toHaveProperty("workflows");
    expect(stats).toHaveProperty("executions");
    expect(stats).toHaveProperty("registryEntries");
  });

  it("refuses a non-admin with FORBIDDEN", async () => {
    const error = await expectTRPCError(callerFor(alice.claims).users.adminStats(), "FORBIDDEN");
    expect(error.message).toBe("Only administrators can do this.");
  });

  it("does not take the role from user_metadata, which users can write themselves", async () => {
    const claims = { ...alice.claims, user_metadata: { role: "admin" } };
    await expectTRPCError(callerFor(claims).users.adminStats(), "FORBIDDEN");
  });

  it("refuses a caller without claims with UNAUTHORIZED", async () => {
    await expectTRPCError(callerFor(null).users.adminStats(), "UNAUTHORIZED");
  });
});
