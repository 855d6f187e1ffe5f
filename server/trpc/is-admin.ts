import { TRPCError } from "@trpc/server";
import { serverApi } from "./rsc";

/** Whether the signed-in user is an administrator (the admin-only procedure answers FORBIDDEN otherwise). */
export async function isAdmin(): Promise<boolean> {
  const api = await serverApi();
  return api.users.adminStats().then(
    () => true,
    (error: unknown) => {
      if (error instanceof TRPCError && error.code === "FORBIDDEN") return false;
      throw error;
    },
  );
}
