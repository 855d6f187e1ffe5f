import type { RlsDb } from "@/server/platform/db/with-rls";
import { withRls } from "@/server/platform/db/with-rls";

/**
 * The workflow owner's RLS, for a run a schedule starts with no request behind it: the run's
 * planning reads the graph and the registry as the owner would, and nothing of anyone else's.
 * There is no session to check (a fire is no sign-in), hence no session id and no second factor.
 */
export function ownerDb(userId: string): RlsDb {
  return (fn) =>
    withRls({ sub: userId, role: "authenticated", aud: "authenticated" }, fn, {
      allowPendingSecondFactor: true,
    });
}
