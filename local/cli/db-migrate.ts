// npm run db:migrate without DATABASE_URL: the embedded Postgres is started, given the Supabase
// baseline, migrated, then stopped again.
import { prepareDatabase } from "../db/prepare";

try {
  const database = await prepareDatabase({ log: (line) => console.log(line) });
  await database.stop();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
