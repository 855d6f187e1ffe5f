import type { Prisma } from "@/server/platform/db/generated/client";
import type { PrivilegedTransaction } from "@/server/platform/db/privileged";
import type { RlsTransaction } from "@/server/platform/db/with-rls";
import { AppError } from "@/server/platform/errors/app-error";

/** What a user may see of their own profile; nothing else leaves the database. */
export const profileSelect = {
  id: true,
  email: true,
  displayName: true,
  avatarUrl: true,
  color: true,
  createdAt: true,
  updatedAt: true,
} satisfies Prisma.UserSelect;

export type Profile = Prisma.UserGetPayload<{ select: typeof profileSelect }>;

export type ProfileChanges = {
  displayName?: string | null;
  avatarUrl?: string | null;
  color?: string;
};

export async function getProfile(tx: RlsTransaction, userId: string): Promise<Profile> {
  const profile = await tx.user.findUnique({ where: { id: userId }, select: profileSelect });
  if (!profile) throw new AppError("account.profile_not_found", "Your profile could not be found.");
  return profile;
}

export async function updateProfile(
  tx: RlsTransaction,
  userId: string,
  changes: ProfileChanges,
): Promise<Profile> {
  // updateMany: under RLS another user's row is invisible, so "0 rows" means not found.
  const { count } = await tx.user.updateMany({ where: { id: userId }, data: changes });
  if (count === 0) throw new AppError("account.profile_not_found", "Your profile could not be found.");
  return getProfile(tx, userId);
}

export type AdminStats = { users: number; workflows: number; executions: number; registryEntries: number };

/** Instance-wide counts; needs a privileged transaction (no RLS), so only admin procedures call it. */
export async function getAdminStats(tx: PrivilegedTransaction): Promise<AdminStats> {
  const users = await tx.user.count();
  const workflows = await tx.workflow.count();
  const executions = await tx.execution.count();
  const registryEntries = await tx.mcpRegistry.count();
  return { users, workflows, executions, registryEntries };
}
