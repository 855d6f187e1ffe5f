import { z } from "zod";
import { createTRPCRouter, protectedProcedure } from "@/server/platform/trpc/init";
import { activationOf, setActive } from "./activation";
import { writeActivation } from "./activation-store";
import { checkSchedulesCanFire } from "./schedules/availability";
import { syncSchedules } from "./schedules/process";
import { webhooksRouter } from "./webhooks/router";

export const triggersRouter = createTRPCRouter({
  /** Webhook trigger nodes' URLs, secrets and test events. */
  webhooks: webhooksRouter,

  /** Whether the workflow's webhooks and schedules fire. */
  activation: protectedProcedure
    .input(z.strictObject({ workflowId: z.uuid() }))
    .query(({ ctx, input }) => ctx.db((tx) => activationOf(tx, input.workflowId))),

  /** Turns the workflow's triggers on (after validating the whole graph) or off. */
  setActive: protectedProcedure
    .input(z.strictObject({ workflowId: z.uuid(), active: z.boolean() }))
    .mutation(async ({ ctx, input }) => {
      const activation = await ctx.db(async (tx) => {
        if (input.active) await checkSchedulesCanFire(tx, input.workflowId);
        return setActive(tx, ctx.user.id, input.workflowId, input.active, (change) =>
          writeActivation(change),
        );
      });
      await syncSchedules(input.workflowId);
      return activation;
    }),
});
