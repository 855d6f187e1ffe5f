import "server-only";
import { EnvError } from "@/lib/env/parse";
import { checkBuiltPublicEnv, getServerEnv } from "./env";

/** At server start: a missing or malformed variable stops a production server, naming each one. */
export function checkEnvironmentAtStart(): void {
  try {
    const env = getServerEnv();
    if (env.NODE_ENV === "production") checkBuiltPublicEnv(env);
  } catch (error) {
    if (!(error instanceof EnvError) || process.env.NODE_ENV !== "production") throw error;
    console.error(`Tryliate cannot start. ${error.message}`);
    process.exit(1);
  }
}
