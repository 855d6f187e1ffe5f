// npm run supabase:user -- create <email> <password> [--admin] | grant-admin <email> | revoke-admin <email>
// Manages local Auth users straight in the database (DATABASE_URL, else the embedded default).
import { DEFAULT_DATABASE_URL } from "../../lib/env/defaults";
import { runUserCommand, USER_COMMAND_USAGE, UsageError } from "../auth/user-command";

const databaseUrl = process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
try {
  console.log(await runUserCommand(process.argv.slice(2), databaseUrl));
} catch (error) {
  console.error(`Error: ${(error as Error).message}`);
  if (error instanceof UsageError) console.error(USER_COMMAND_USAGE);
  process.exitCode = 1;
}
