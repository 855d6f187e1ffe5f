import { execFileSync } from "node:child_process";
import type { OsUser } from "./postgres-paths";

const NAME = "postgres";

function lookup(): OsUser | null {
  try {
    const uid = Number(execFileSync("id", ["-u", NAME], { encoding: "utf8", stdio: "pipe" }).trim());
    const gid = Number(execFileSync("id", ["-g", NAME], { encoding: "utf8", stdio: "pipe" }).trim());
    return { uid, gid };
  } catch {
    return null;
  }
}

/** Postgres refuses to run as root: a root process runs it as the `postgres` user, made when missing. */
export function postgresRunAs(): OsUser | null {
  if (process.getuid?.() !== 0) return null;
  const existing = lookup();
  if (existing) return existing;
  try {
    execFileSync("useradd", ["--system", "--user-group", "--no-create-home", NAME], { stdio: "pipe" });
  } catch (error) {
    throw new Error(
      `Postgres cannot run as root and the "${NAME}" user could not be created (${String(error)}).`,
    );
  }
  const made = lookup();
  if (!made) throw new Error(`The "${NAME}" user was created but cannot be found.`);
  return made;
}
