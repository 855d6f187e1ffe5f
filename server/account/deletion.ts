import { AppError } from "@/server/platform/errors/app-error";
import { authAdmin } from "./admin-client";

/**
 * Deletes the user from Auth with the admin API. Every row of theirs goes with auth.users through
 * the foreign keys' cascades (profile, workflows and their graphs, runs, connections, memory).
 */
export async function deleteAccount(userId: string): Promise<void> {
  const { error } = await authAdmin().deleteUser(userId);
  if (!error) return;
  if (error.status === 404) throw new AppError("account.not_found", "This account no longer exists.");
  throw new Error(
    `Auth refused to delete the user (${error.status ?? "no status"}: ${error.code ?? "no code"})`,
  );
}
