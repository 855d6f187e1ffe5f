import { execFile } from "node:child_process";
import { promisify } from "node:util";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { uniqueEmail } from "../../test/auth-clients";
import { runUserCommand, UsageError } from "./user-command";

const databaseUrl = process.env.DATABASE_URL ?? "";
const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
afterAll(async () => {
  await pool.end();
});

async function appMetadata(email: string) {
  const { rows } = await pool.query("select raw_app_meta_data from auth.users where email = $1", [email]);
  return rows[0]?.raw_app_meta_data as Record<string, unknown> | undefined;
}

describe("supabase:user command", () => {
  it("creates users, with --admin, and grants/revokes admin", async () => {
    const email = uniqueEmail();
    expect(await runUserCommand(["create", email, "secret123", "--admin"], databaseUrl)).toMatch(
      new RegExp(`^Created admin user ${email} \\(`),
    );
    expect((await appMetadata(email))?.role).toBe("admin");
    expect(await runUserCommand(["revoke-admin", email], databaseUrl)).toContain("no longer an admin");
    expect(await appMetadata(email)).toEqual({ provider: "email", providers: ["email"] });
    await runUserCommand(["grant-admin", email], databaseUrl);
    expect((await appMetadata(email))?.role).toBe("admin");
  });

  it("rejects bad usage and duplicates without changing anything", async () => {
    await expect(runUserCommand([], databaseUrl)).rejects.toBeInstanceOf(UsageError);
    await expect(runUserCommand(["delete", "a@b.c"], databaseUrl)).rejects.toThrow(
      'Unknown command "delete"',
    );
    await expect(runUserCommand(["create", "a@b.c"], databaseUrl)).rejects.toBeInstanceOf(UsageError);
    await expect(runUserCommand(["grant-admin", "a@b.c", "--admin"], databaseUrl)).rejects.toThrow(
      "Unknown option",
    );
    const email = uniqueEmail();
    await runUserCommand(["create", email, "secret123"], databaseUrl);
    await expect(runUserCommand(["create", email, "secret123", "--admin"], databaseUrl)).rejects.toThrow(
      "already exists",
    );
    expect((await appMetadata(email))?.role).toBeUndefined();
  });

  it("runs as npm's script: output, exit codes, unreachable database", async () => {
    const run = (args: string[], url: string) =>
      promisify(execFile)("npx", ["tsx", "local/cli/users.ts", ...args], {
        env: { ...process.env, DATABASE_URL: url },
      }).then(
        ({ stdout }) => ({ code: 0, stdout, stderr: "" }),
        (error: { code: number; stdout: string; stderr: string }) => error,
      );
    const email = uniqueEmail();
    const created = await run(["create", email, "secret123"], databaseUrl);
    expect(created.code).toBe(0);
    expect(created.stdout).toContain(`Created user ${email}`);
    const unknown = await run(["grant-admin", uniqueEmail("ghost")], databaseUrl);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("Error: No user with the email");
    const down = await run(["grant-admin", email], "postgresql://postgres:secret@127.0.0.1:1/postgres");
    expect(down.code).toBe(1);
    expect(down.stderr).toContain(
      "Cannot reach the database at postgresql://postgres:***@127.0.0.1:1/postgres",
    );
  }, 60_000);
});
