import type { Prisma, PrismaClient } from "@/server/db/generated/client";
import type { RlsTransaction } from "@/server/db/with-rls";
import { NotFoundError } from "@/server/errors";

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
  if (!profile) throw new NotFoundError("Your profile could not be found.");
  return profile;
}

export async function updateProfile(tx: RlsTransaction, userId: string, changes: ProfileChanges): Promise<Profile> {
  // updateMany: under RLS another user's row is invisible, so "0 rows" means not found.
  const { count } = await tx.user.updateMany({ where: { id: userId }, data: changes });
  if (count === 0) throw new NotFoundError("Your profile could not be found.");
  return getProfile(tx, userId);
}

export type AdminStats = { users: number; workflows: number; executions: number; registryEntries: number };

/** Instance-wide counts; runs on the privileged connection, so only admin procedures call it. */
export async function getAdminStats(prisma: PrismaClient): Promise<AdminStats> {
  const [users, workflows, executions, registryEntries] = await Promise.all([
    prisma.user.count(),
    prisma.workflow.count(),
    prisma.execution.count(),
    prisma.mcpRegistry.count(),
  ]);
  return { users, workflows, executions, registryEntries };
}
