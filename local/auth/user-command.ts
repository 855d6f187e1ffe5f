import pg from "pg";
import { createUser, setUserRole } from "./admin";

export const USER_COMMAND_USAGE = `Usage:
  npm run supabase:user -- create <email> <password> [--admin]
  npm run supabase:user -- grant-admin <email>
  npm run supabase:user -- revoke-admin <email>`;

export class UsageError extends Error {}

/** Parses and runs one `supabase:user` command against the database; returns what to print. */
export async function runUserCommand(args: string[], databaseUrl: string): Promise<string> {
  const flags = args.filter((arg) => arg.startsWith("--"));
  const [command, ...rest] = args.filter((arg) => !arg.startsWith("--"));
  const unknownFlag = flags.find((flag) => flag !== "--admin" || command !== "create");
  if (unknownFlag) throw new UsageError(`Unknown option ${unknownFlag}`);
  const expected = command === "create" ? 2 : 1;
  if (!command || !["create", "grant-admin", "revoke-admin"].includes(command)) {
    throw new UsageError(command ? `Unknown command "${command}"` : "No command given");
  }
  if (rest.length !== expected)
    throw new UsageError(`"${command}" takes ${expected === 2 ? "<email> <password>" : "<email>"}`);
  const [email = "", password = ""] = rest;

  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  try {
    if (command === "create") {
      const user = await createUser(pool, { email, password });
      if (flags.includes("--admin")) await setUserRole(pool, user.email, "admin");
      return `Created ${flags.includes("--admin") ? "admin " : ""}user ${user.email} (${user.id})`;
    }
    if (command === "grant-admin") {
      const user = await setUserRole(pool, email, "admin");
      return `${user.email} is now an admin (from their next sign-in or token refresh)`;
    }
    const user = await setUserRole(pool, email, null);
    return `${user.email} is no longer an admin (from their next sign-in or token refresh)`;
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === "ECONNREFUSED" || code === "ENOTFOUND" || code === "3D000") {
      throw new Error(`Cannot reach the database at ${redact(databaseUrl)}: is it running (npm run dev)?`);
    }
    if (code === "42P01" || code === "3F000") {
      throw new Error(
        `The database at ${redact(databaseUrl)} has no auth schema: run npm run dev once to set it up`,
      );
    }
    throw error;
  } finally {
    await pool.end();
  }
}

function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "(unparsable DATABASE_URL)";
  }
}
