import { z } from "zod";
import { graphFileSchema } from "@/lib/graph/schemas";
import { describeIssues, validateGraph } from "@/lib/graph/validate";
import { text } from "@/lib/text/storable";
import { replaceGraph } from "@/server/graph";
import { AppError } from "@/server/platform/errors/app-error";
import { createTRPCRouter, protectedProcedure } from "@/server/platform/trpc/init";
import {
  createWorkflow,
  deleteWorkflow,
  duplicateWorkflow,
  getWorkflow,
  listWorkflows,
  updateWorkflow,
} from "./workflows";

const id = z.strictObject({ id: z.uuid() });
const name = text().trim().min(1, "name is empty").max(200);
const description = text().max(2_000).nullable();

export const workflowsRouter = createTRPCRouter({
  list: protectedProcedure
    .input(
      z.strictObject({
        search: text().max(200).optional(),
        sort: z.enum(["updated", "name", "created"]).optional(),
      }),
    )
    .query(({ ctx, input }) => ctx.db((tx) => listWorkflows(tx, ctx.user.id, input))),

  get: protectedProcedure
    .input(id)
    .query(({ ctx, input }) => ctx.db((tx) => getWorkflow(tx, ctx.user.id, input.id))),

  create: protectedProcedure
    .input(z.strictObject({ name: name.optional(), description: description.optional() }))
    .mutation(({ ctx, input }) => ctx.db((tx) => createWorkflow(tx, ctx.user.id, input))),

  update: protectedProcedure
    .input(z.strictObject({ id: z.uuid(), name: name.optional(), description: description.optional() }))
    .mutation(({ ctx, input: { id, ...changes } }) =>
      ctx.db((tx) => updateWorkflow(tx, ctx.user.id, id, changes)),
    ),

  duplicate: protectedProcedure
    .input(id)
    .mutation(({ ctx, input }) => ctx.db((tx) => duplicateWorkflow(tx, ctx.user.id, input.id))),

  delete: protectedProcedure.input(id).mutation(async ({ ctx, input }) => {
    await ctx.db((tx) => deleteWorkflow(tx, ctx.user.id, input.id));
    return { id: input.id };
  }),

  /** A new workflow from an exported file. */
  import: protectedProcedure.input(graphFileSchema).mutation(({ ctx, input }) => {
    const issues = validateGraph(input);
    if (issues.length > 0)
      throw new AppError("workflow.invalid_file", `The file was not imported:\n${describeIssues(issues)}`);
    return ctx.db(async (tx) => {
      const workflow = await createWorkflow(tx, ctx.user.id, { name: input.name ?? "Imported workflow" });
      await replaceGraph(tx, ctx.user.id, workflow.id, input);
      return getWorkflow(tx, ctx.user.id, workflow.id);
    });
  }),
});
