import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// The profile row made for every new auth.users row follows the rules of a profile update
// (lib/users/profile-schema.ts): a display name of at most 80 characters, an https avatar.
// Whatever a sign-up sends, the trigger never fails the sign-up.

const client = new pg.Client({ connectionString: process.env.DATABASE_URL ?? "" });

beforeAll(() => client.connect());
afterAll(() => client.end());

async function signUpRow(email: string, metadata: Record<string, unknown>) {
  const id = randomUUID();
  await client.query(
    `insert into auth.users (id, aud, role, email, raw_user_meta_data) values ($1, 'authenticated', 'authenticated', $2, $3)`,
    [id, email, metadata],
  );
  const { rows } = await client.query("select display_name, avatar_url from public.users where id = $1", [
    id,
  ]);
  return rows[0] as { display_name: string | null; avatar_url: string | null };
}

const tag = () => randomUUID().slice(0, 8);

describe("the profile made at sign-up", () => {
  it("takes an email local part over 80 characters, cut to 80", async () => {
    const local = `${"a".repeat(90)}${tag()}`;
    const profile = await signUpRow(`${local}@example.test`, {});
    expect(profile.display_name).toBe(local.slice(0, 80));
  });

  it("takes a display name over 80 characters, trimmed and cut to 80", async () => {
    const name = `  ${"Ω".repeat(200)}  `;
    const profile = await signUpRow(`long-${tag()}@example.test`, { display_name: name });
    expect(profile.display_name).toBe("Ω".repeat(80));
  });

  it("falls back to the email local part for a blank display name", async () => {
    const id = tag();
    const profile = await signUpRow(`blank-${id}@example.test`, { display_name: " \t " });
    expect(profile.display_name).toBe(`blank-${id}`);
  });

  it.each([
    ["javascript:alert(1)", "javascript:alert(1)"],
    ["http://example.com/a.png", "http://example.com/a.png"],
    ["data:image/png;base64,AAAA", "data:image/png;base64,AAAA"],
    ["https://", "https://"],
    ["https://exa mple.com/a.png", "https://exa mple.com/a.png"],
    ["a 2,100-character https URL", `https://example.com/${"a".repeat(2100)}`],
  ])("drops the avatar URL %s (https only, at most 2048 characters)", async (_, avatar) => {
    const profile = await signUpRow(`avatar-${tag()}@example.test`, { avatar_url: avatar });
    expect(profile.avatar_url).toBeNull();
  });

  it("keeps an https avatar URL", async () => {
    const profile = await signUpRow(`https-${tag()}@example.test`, {
      avatar_url: "https://images.example.com/me.png",
    });
    expect(profile.avatar_url).toBe("https://images.example.com/me.png");
  });

  it("takes metadata of the wrong type without failing", async () => {
    const profile = await signUpRow(`typed-${tag()}@example.test`, {
      display_name: { x: 1 },
      avatar_url: 42,
    });
    expect(profile.avatar_url).toBeNull();
    expect(profile.display_name).not.toBeNull();
  });
});
