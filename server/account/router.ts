import { z } from "zod";
import { deleteAccountSchema } from "@/lib/users/delete-account-schema";
import { profileUpdateSchema } from "@/lib/users/profile-schema";
import { withPrivilegedDb } from "@/server/platform/db/privileged";
import { adminProcedure, createTRPCRouter, protectedProcedure } from "@/server/platform/trpc/init";
import { deleteAccount } from "./deletion";
import { getAdminStats, getProfile, updateProfile } from "./users";

export const usersRouter = createTRPCRouter({
  me: protectedProcedure
    .input(z.object({}).strict().optional())
    .query(({ ctx }) => ctx.db((tx) => getProfile(tx, ctx.user.id))),

  updateProfile: protectedProcedure
    .input(profileUpdateSchema)
    .mutation(({ ctx, input }) => ctx.db((tx) => updateProfile(tx, ctx.user.id, input))),

  /** After the typed confirmation; a user with a second factor must have used it (as for every procedure). */
  deleteAccount: protectedProcedure.input(deleteAccountSchema).mutation(async ({ ctx }) => {
    // The request's own transaction refuses a session that owes its second factor.
    await ctx.db(async () => {});
    await deleteAccount(ctx.user.id);
    return { deleted: true as const };
  }),

  adminStats: adminProcedure
    .input(z.object({}).strict().optional())
    .query(() => withPrivilegedDb("admin-stats", getAdminStats)),
});
