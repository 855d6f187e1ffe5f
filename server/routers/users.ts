import { z } from "zod";
import { profileUpdateSchema } from "@/lib/users/profile-schema";
import { withPrivilegedDb } from "@/server/db/privileged";
import { getAdminStats, getProfile, updateProfile } from "@/server/services/users";
import { adminProcedure, createTRPCRouter, protectedProcedure } from "@/server/trpc/init";

export const usersRouter = createTRPCRouter({
  me: protectedProcedure.input(z.object({}).strict().optional()).query(({ ctx }) =>
    ctx.db((tx) => getProfile(tx, ctx.user.id)),
  ),

  updateProfile: protectedProcedure
    .input(profileUpdateSchema)
    .mutation(({ ctx, input }) => ctx.db((tx) => updateProfile(tx, ctx.user.id, input))),

  adminStats: adminProcedure
    .input(z.object({}).strict().optional())
    .query(() => withPrivilegedDb("admin-stats", getAdminStats)),
});
