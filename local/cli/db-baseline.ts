// npm run db:baseline — gives a plain Postgres 15+ at DATABASE_URL what a Supabase project has
// (roles, auth schema, realtime publication). Refuses nothing: it is a no-op where auth.users exists.
import { applySupabaseBaseline } from "../db/baseline";

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("DATABASE_URL is required: the baseline is only for a plain Postgres you point it at.");
  process.exit(1);
}
const outcome = await applySupabaseBaseline(url);
console.log(
  outcome === "applied" ? "Applied the Supabase baseline" : "auth.users exists: baseline left alone",
);
