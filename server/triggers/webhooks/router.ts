import { z } from "zod";
import { createTRPCRouter, protectedProcedure } from "@/server/platform/trpc/init";
import { assertOwnWebhookNode, createWebhook, rotateSecret, setListening, webhookOf } from "./manage";

const nodeInput = z.strictObject({ workflowId: z.uuid(), nodeId: z.string().min(1).max(200) });

export const webhooksRouter = createTRPCRouter({
  /** The node's webhook (its URL id, the secret's last characters, the test event), or null before it is made. */
  get: protectedProcedure
    .input(nodeInput)
    .query(({ ctx, input }) => ctx.db((tx) => webhookOf(tx, input.workflowId, input.nodeId))),

  /** Makes the node's URL and secret; the secret is in the answer only when it was made by this call. */
  create: protectedProcedure.input(nodeInput).mutation(async ({ ctx, input }) => {
    await ctx.db((tx) => assertOwnWebhookNode(tx, ctx.user.id, input.workflowId, input.nodeId));
    return createWebhook({ userId: ctx.user.id, ...input });
  }),

  /** A new secret (shown once, in the answer); the old one stops working at once. */
  rotateSecret: protectedProcedure.input(nodeInput).mutation(async ({ ctx, input }) => {
    await ctx.db((tx) => assertOwnWebhookNode(tx, ctx.user.id, input.workflowId, input.nodeId));
    return rotateSecret({ userId: ctx.user.id, ...input });
  }),

  /** Waits for one test delivery (kept, not run), or stops waiting. */
  listen: protectedProcedure
    .input(nodeInput.extend({ listening: z.boolean() }))
    .mutation(async ({ ctx, input }) => {
      await ctx.db((tx) => assertOwnWebhookNode(tx, ctx.user.id, input.workflowId, input.nodeId));
      return setListening(input, input.listening);
    }),
});
