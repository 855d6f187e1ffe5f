import { z } from "zod";
import { RUN_LIMITS, RUN_STATUSES, TRIGGER_KINDS } from "@/lib/runs/status";
import { createTRPCRouter, protectedProcedure } from "@/server/platform/trpc/init";
import { runsAvailability } from "./config";
import { cancelRun, getRun, latestRuns, listAllRuns, listRuns, rerun, retryRun, startRun } from "./runs";

const runId = z.strictObject({ id: z.string().min(1).max(200) });

export const runsRouter = createTRPCRouter({
  /** Whether runs can start here, and if not, the one sentence saying what to configure. */
  availability: protectedProcedure.input(z.strictObject({})).query(() => runsAvailability()),

  start: protectedProcedure
    .input(
      z.strictObject({
        workflowId: z.uuid(),
        // Checked again in bytes by the service; this bound stops a huge body before parsing.
        input: z
          .string()
          .max(RUN_LIMITS.maxInputBytes, `the input is larger than ${RUN_LIMITS.maxInputBytes / 1024} KiB`),
        triggerNodeId: z.string().min(1).max(200).optional(),
      }),
    )
    .mutation(({ ctx, input }) => startRun(ctx.db, ctx.user.id, input)),

  cancel: protectedProcedure
    .input(runId)
    .mutation(({ ctx, input }) => cancelRun(ctx.db, ctx.user.id, input.id)),
  rerun: protectedProcedure.input(runId).mutation(({ ctx, input }) => rerun(ctx.db, ctx.user.id, input.id)),
  retry: protectedProcedure
    .input(runId)
    .mutation(({ ctx, input }) => retryRun(ctx.db, ctx.user.id, input.id)),

  list: protectedProcedure
    .input(z.strictObject({ workflowId: z.uuid() }))
    .query(({ ctx, input }) => ctx.db((tx) => listRuns(tx, ctx.user.id, input.workflowId))),

  /** Every workflow's runs (the Runs page), filtered by status, trigger kind or workflow. */
  listAll: protectedProcedure
    .input(
      z.strictObject({
        status: z.enum(RUN_STATUSES).optional(),
        trigger: z.enum(TRIGGER_KINDS).optional(),
        workflowId: z.uuid().optional(),
      }),
    )
    .query(({ ctx, input }) => ctx.db((tx) => listAllRuns(tx, ctx.user.id, input))),

  /** Each workflow's newest run, for the workflows list. */
  latest: protectedProcedure
    .input(z.strictObject({}))
    .query(({ ctx }) => ctx.db((tx) => latestRuns(tx, ctx.user.id))),

  get: protectedProcedure
    .input(runId)
    .query(({ ctx, input }) => ctx.db((tx) => getRun(tx, ctx.user.id, input.id))),
});
