import type { UIMessage } from "ai";
import { z } from "zod";
import type { RlsTransaction } from "@/server/platform/db/with-rls";
import { AppError } from "@/server/platform/errors/app-error";

/** What `flow_space.context` holds for one thread: its messages, a compact memory, the graph it last saw. */
export type ThreadContext = { title: string; messages: UIMessage[]; memory: string; graphSummary: string };

const contextSchema = z.object({
  title: z.string().default("New conversation"),
  messages: z
    .array(z.custom<UIMessage>((m) => typeof m === "object" && m !== null && "role" in m && "parts" in m))
    .default([]),
  memory: z.string().default(""),
  graphSummary: z.string().default(""),
});

export const threadIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, "not a thread id");

export function emptyContext(): ThreadContext {
  return { title: "New conversation", messages: [], memory: "", graphSummary: "" };
}

/** The user's threads about one workflow, newest first. */
export async function listThreads(tx: RlsTransaction, userId: string, workflowId: string) {
  const rows = await tx.$queryRaw<{ thread_id: string; title: string | null; updated_at: Date }[]>`
    select thread_id, context ->> 'title' as title, updated_at
    from public.flow_space
    where user_id = ${userId}::uuid and workflow_id = ${workflowId}::uuid
    order by updated_at desc, thread_id
    limit 200`;
  return rows.map((r) => ({
    threadId: r.thread_id,
    title: r.title ?? "New conversation",
    updatedAt: r.updated_at,
  }));
}

/** A thread's context, or null when this user has no such thread on this workflow. */
export async function loadThread(
  tx: RlsTransaction,
  userId: string,
  workflowId: string,
  threadId: string,
): Promise<ThreadContext | null> {
  const row = await tx.flowSpace.findFirst({
    where: { userId, workflowId, threadId },
    select: { context: true },
  });
  if (!row) return null;
  const parsed = contextSchema.safeParse(row.context);
  return parsed.success ? parsed.data : emptyContext();
}

export async function saveThread(
  tx: RlsTransaction,
  userId: string,
  workflowId: string,
  threadId: string,
  context: ThreadContext,
): Promise<void> {
  const json = JSON.stringify(context);
  // The unique key is (user_id, thread_id): a thread id of another workflow is refused, not moved.
  const written = await tx.$queryRaw<{ workflow_id: string }[]>`
    insert into public.flow_space (user_id, workflow_id, thread_id, context)
    values (${userId}::uuid, ${workflowId}::uuid, ${threadId}, ${json}::jsonb)
    on conflict (user_id, thread_id) do update set context = excluded.context
      where public.flow_space.workflow_id = excluded.workflow_id
    returning workflow_id::text`;
  if (written.length === 0)
    throw new AppError("assistant.thread_not_found", "This conversation belongs to another workflow.");
}

export async function renameThread(
  tx: RlsTransaction,
  userId: string,
  workflowId: string,
  threadId: string,
  title: string,
) {
  const updated = await tx.$executeRaw`
    update public.flow_space set context = jsonb_set(context, '{title}', to_jsonb(${title}::text))
    where user_id = ${userId}::uuid and workflow_id = ${workflowId}::uuid and thread_id = ${threadId}`;
  if (updated === 0)
    throw new AppError("assistant.thread_not_found", "This conversation does not exist or is not yours.");
}

export async function deleteThread(tx: RlsTransaction, userId: string, workflowId: string, threadId: string) {
  const deleted = await tx.$executeRaw`
    delete from public.flow_space
    where user_id = ${userId}::uuid and workflow_id = ${workflowId}::uuid and thread_id = ${threadId}`;
  if (deleted === 0)
    throw new AppError("assistant.thread_not_found", "This conversation does not exist or is not yours.");
}
