import "server-only";
import { TRPCError } from "@trpc/server";
import { adminProcedure, createCallerFactory, createTRPCRouter } from "./init";
import { createRscContext } from "./rsc-context";

// The admin procedure's own checks (session, second factor, role) behind a one-procedure router,
// so a page can ask without loading the app's routers.
const adminProbe = createCallerFactory(createTRPCRouter({ check: adminProcedure.query(() => true) }));

/** Whether the signed-in user is an administrator (the admin-only procedures answer FORBIDDEN otherwise). */
export async function isAdmin(): Promise<boolean> {
  const probe = adminProbe(await createRscContext());
  return probe.check().then(
    () => true,
    (error: unknown) => {
      if (error instanceof TRPCError && error.code === "FORBIDDEN") return false;
      throw error;
    },
  );
}
