import { z } from "zod";
import { appOrigin } from "@/server/mcp/client/app-origin";
import { adminProcedure, createTRPCRouter, protectedProcedure } from "@/server/platform/trpc/init";
import {
  addRegistryEntry,
  refreshRegistryEntry,
  registryEntrySchema,
  removeRegistryEntry,
  updateRegistryEntry,
} from "./admin";
import { listRegistry } from "./registry";

const id = z.string().min(1).max(100);
const filter = z.strictObject({ search: z.string().max(200).optional(), tag: z.string().max(40).optional() });

export const registryRouter = createTRPCRouter({
  list: protectedProcedure
    .input(filter.optional())
    .query(({ ctx, input }) => ctx.db((tx) => listRegistry(tx, input ?? {}))),
  add: adminProcedure
    .input(registryEntrySchema)
    .mutation(({ ctx, input }) =>
      addRegistryEntry(ctx.db, ctx.user.id, input, { appOrigin: appOrigin(ctx.origin) }),
    ),
  update: adminProcedure
    .input(z.strictObject({ id, entry: registryEntrySchema }))
    .mutation(({ ctx, input }) =>
      updateRegistryEntry(ctx.db, ctx.user.id, input.id, input.entry, { appOrigin: appOrigin(ctx.origin) }),
    ),
  refresh: adminProcedure
    .input(z.strictObject({ id }))
    .mutation(({ ctx, input }) =>
      refreshRegistryEntry(ctx.db, ctx.user.id, input.id, { appOrigin: appOrigin(ctx.origin) }),
    ),
  remove: adminProcedure
    .input(z.strictObject({ id }))
    .mutation(({ ctx, input }) => removeRegistryEntry(ctx.db, input.id)),
});
