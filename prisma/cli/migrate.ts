// npm run db:migrate — applies prisma/migrations to DATABASE_URL. This is the path production
// runs, so it loads nothing from local/. Without DATABASE_URL the dev side takes over
// (local/cli/db-migrate.ts: the embedded Postgres, started, given the Supabase baseline, migrated).
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { migrate } from "@/server/platform/db/migrator";

const databaseUrl = process.env.DATABASE_URL || undefined;
if (!databaseUrl) {
  const devMigrate = fileURLToPath(new URL("../../local/cli/db-migrate.ts", import.meta.url));
  const child = spawnSync(process.execPath, [...process.execArgv, devMigrate], { stdio: "inherit" });
  process.exit(child.status ?? 1);
}
try {
  const { applied } = await migrate(databaseUrl);
  console.log(applied.length ? `Applied migrations: ${applied.join(", ")}` : "Database is up to date");
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
