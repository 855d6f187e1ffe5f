import { z } from "zod";
import { text } from "@/lib/text/storable";
import { createTRPCRouter, protectedProcedure } from "@/server/platform/trpc/init";
import { createVersion, getVersionSnapshot, listVersions } from "./versions";

const workflowId = z.uuid();

export const versionsRouter = createTRPCRouter({
  list: protectedProcedure
    .input(z.strictObject({ workflowId }))
    .query(({ ctx, input }) => ctx.db((tx) => listVersions(tx, ctx.user.id, input.workflowId))),

  create: protectedProcedure
    .input(z.strictObject({ workflowId, label: text().trim().min(1, "label is empty").max(200) }))
    .mutation(({ ctx, input }) =>
      ctx.db((tx) => createVersion(tx, ctx.user.id, input.workflowId, input.label)),
    ),

  /** The snapshot to restore; the editor applies it as an undoable change and autosaves it. */
  get: protectedProcedure
    .input(z.strictObject({ workflowId, versionId: z.uuid() }))
    .query(({ ctx, input }) =>
      ctx.db((tx) => getVersionSnapshot(tx, ctx.user.id, input.workflowId, input.versionId)),
    ),
});
