import type pg from "pg";
import { DEMO_USER } from "../../lib/env/defaults";
import { createUser } from "../auth/admin";

export { DEMO_USER };

/** The account printed by `npm run dev`, made on first start. */
export async function ensureDemoUser(pool: pg.Pool): Promise<typeof DEMO_USER> {
  const { rowCount } = await pool.query("select 1 from auth.users where email = $1", [DEMO_USER.email]);
  if (!rowCount) await createUser(pool, { email: DEMO_USER.email, password: DEMO_USER.password });
  return DEMO_USER;
}
