import { z } from "zod";
import { graphDiffSchema } from "@/lib/graph/schemas";
import { createTRPCRouter, protectedProcedure } from "@/server/platform/trpc/init";
import { loadGraph, saveGraphDiff } from "./graph";
import { exportGraph } from "./graph-file";

export const graphRouter = createTRPCRouter({
  load: protectedProcedure
    .input(z.strictObject({ workflowId: z.uuid() }))
    .query(({ ctx, input }) => ctx.db((tx) => loadGraph(tx, ctx.user.id, input.workflowId))),

  save: protectedProcedure
    .input(z.strictObject({ workflowId: z.uuid(), diff: graphDiffSchema }))
    .mutation(({ ctx, input }) =>
      ctx.db((tx) => saveGraphDiff(tx, ctx.user.id, input.workflowId, input.diff)),
    ),

  export: protectedProcedure
    .input(z.strictObject({ workflowId: z.uuid() }))
    .query(({ ctx, input }) => ctx.db((tx) => exportGraph(tx, ctx.user.id, input.workflowId))),
});
