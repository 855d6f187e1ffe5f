// npm run db:migrate — applies prisma/migrations to DATABASE_URL, or to the embedded Postgres
// (started, given the Supabase baseline, then stopped again) when DATABASE_URL is not set.
import { prepareDatabase } from "../../local/db/prepare";

const databaseUrl = process.env.DATABASE_URL || undefined;
try {
  const database = await prepareDatabase({ databaseUrl, log: (line) => console.log(line) });
  await database.stop();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
