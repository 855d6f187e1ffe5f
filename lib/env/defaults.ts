// The embedded defaults: what the project runs on with no .env at all.
// They mirror `supabase start` (API on 54321, Postgres on 54322).
export const DEFAULT_DB_PORT = 54322;
export const DEFAULT_DATABASE_URL = `postgresql://postgres:postgres@127.0.0.1:${DEFAULT_DB_PORT}/postgres`;
export const DEFAULT_SUPABASE_PORT = 54321;
export const DEFAULT_SUPABASE_URL = `http://127.0.0.1:${DEFAULT_SUPABASE_PORT}`;
// Local-only API keys: they identify the client kind, they grant nothing by themselves.
export const DEFAULT_PUBLISHABLE_KEY = "sb_publishable_tryliate_local_development_key";
export const DEFAULT_SECRET_KEY = "sb_secret_tryliate_local_development_key";

/** The account `npm run dev` makes on the local stack, and the local sign-in page shows. */
export const DEMO_USER = { email: "demo@tryliate.local", password: "tryliate-demo" } as const;
