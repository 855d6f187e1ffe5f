import { z } from "zod";
import { listRegistry } from "@/server/services/registry";
import { createTRPCRouter, protectedProcedure } from "@/server/trpc/init";

export const registryRouter = createTRPCRouter({
  list: protectedProcedure.input(z.strictObject({}).optional()).query(({ ctx }) => ctx.db((tx) => listRegistry(tx))),
});
