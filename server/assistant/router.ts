import { z } from "zod";
import { getAssistantConfig } from "@/server/platform/env/assistant";
import { AppError } from "@/server/platform/errors/app-error";
import { createTRPCRouter, protectedProcedure } from "@/server/platform/trpc/init";
import { providerLabel } from "./provider";
import { deleteThread, listThreads, loadThread, renameThread, threadIdSchema } from "./threads";

const threadInput = z.strictObject({ workflowId: z.uuid(), threadId: threadIdSchema });

export const assistantRouter = createTRPCRouter({
  /** Whether a model is configured, and which (never a key or URL). */
  status: protectedProcedure.query(() => {
    const { provider } = getAssistantConfig();
    return provider
      ? { configured: true as const, provider: providerLabel(provider) }
      : { configured: false as const };
  }),

  threads: protectedProcedure
    .input(z.strictObject({ workflowId: z.uuid() }))
    .query(({ ctx, input }) => ctx.db((tx) => listThreads(tx, ctx.user.id, input.workflowId))),

  thread: protectedProcedure.input(threadInput).query(({ ctx, input }) =>
    ctx.db(async (tx) => {
      const thread = await loadThread(tx, ctx.user.id, input.workflowId, input.threadId);
      if (!thread)
        throw new AppError("assistant.thread_not_found", "This conversation does not exist or is not yours.");
      return { title: thread.title, messages: thread.messages };
    }),
  ),

  rename: protectedProcedure
    .input(
      threadInput.extend({
        title: z
          .string()
          .trim()
          .min(1, "The title is empty.")
          .max(120, "The title is longer than 120 characters."),
      }),
    )
    .mutation(({ ctx, input }) =>
      ctx.db((tx) => renameThread(tx, ctx.user.id, input.workflowId, input.threadId, input.title)),
    ),

  delete: protectedProcedure
    .input(threadInput)
    .mutation(({ ctx, input }) =>
      ctx.db((tx) => deleteThread(tx, ctx.user.id, input.workflowId, input.threadId)),
    ),
});
