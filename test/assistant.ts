import { randomUUID } from "node:crypto";
import type { UIMessage } from "ai";
import type { TurnChanges } from "@/lib/assistant/messages";
import type { WireGraph, WireNode } from "@/lib/graph/schemas";
import { createBudget } from "@/server/assistant/budget";
import { loadThread } from "@/server/assistant/threads";
import { runTurn } from "@/server/assistant/turn";
import { loadGraph, saveGraphDiff } from "@/server/graph/graph";
import { getPrisma } from "@/server/platform/db/client";
import { type RlsTransaction, withRls } from "@/server/platform/db/with-rls";
import { createWorkflow } from "@/server/workflows/workflows";
import { type ScriptStep, scriptedModel } from "./scripted-model";
import type { TestUser } from "./users";

export const databaseUrl = process.env.DATABASE_URL ?? "";
export const prisma = getPrisma(databaseUrl);
export const as = <T>(user: TestUser, fn: (tx: RlsTransaction) => Promise<T>) =>
  withRls(user.claims, fn, { prisma });

export const trigger: WireNode = {
  id: "start",
  type: "trigger",
  position: { x: 0, y: 0 },
  data: { label: "Start", input: "{}" },
};

export async function saveNodes(
  user: TestUser,
  workflowId: string,
  nodes: WireNode[],
  edges: WireGraph["edges"] = [],
) {
  await as(user, (tx) =>
    saveGraphDiff(tx, user.id, workflowId, {
      upsertNodes: nodes,
      deleteNodes: [],
      upsertEdges: edges,
      deleteEdges: [],
    }),
  );
}

export async function workflowWithTrigger(user: TestUser): Promise<string> {
  const workflow = await as(user, (tx) => createWorkflow(tx, user.id));
  await saveNodes(user, workflow.id, [trigger]);
  return workflow.id;
}

export async function graphOf(user: TestUser, workflowId: string): Promise<WireGraph> {
  const g = await as(user, (tx) => loadGraph(tx, user.id, workflowId));
  return { nodes: g.nodes, edges: g.edges };
}

export type TurnOptions = {
  threadId?: string;
  text?: string;
  /** Instead of a new user message: the user's answer to the assistant's last message. */
  answer?: UIMessage;
  proposeFirst?: boolean;
  budget?: ReturnType<typeof createBudget>;
};

/** One assistant turn of `user` with a scripted model (the AI SDK's mock), as the chat route runs it. */
export function turn(user: TestUser, workflowId: string, steps: ScriptStep[], options: TurnOptions = {}) {
  const model = scriptedModel(steps);
  const response = runTurn({
    claims: user.claims,
    model,
    budget:
      options.budget ?? createBudget({ requestsPerMinute: 1000, tokensPerDay: 100_000_000 }, { prisma }),
    db: (fn) => as(user, fn),
    request: {
      workflowId,
      threadId: options.threadId ?? `thread-${randomUUID().slice(0, 8)}`,
      proposeFirst: options.proposeFirst ?? false,
      message: options.answer ?? {
        id: randomUUID(),
        role: "user",
        parts: [{ type: "text", text: options.text ?? "add a search tool after the trigger" }],
      },
    },
  });
  return { model, response };
}

export const turnData = (chunks: Record<string, unknown>[]) =>
  chunks.find((c) => c.type === "data-turn")?.data as TurnChanges | undefined;

export const toolOutputs = (chunks: Record<string, unknown>[]) =>
  chunks
    .filter((c) => c.type === "tool-output-available")
    .map((c) => c.output as { ok: boolean; error?: string; summary?: string } & Record<string, unknown>);

type Thread = NonNullable<Awaited<ReturnType<typeof loadThread>>>;

/** Waits for the thread's save after the stream ended (it runs as the stream closes). */
export async function savedThread(
  user: TestUser,
  workflowId: string,
  threadId: string,
  until: (thread: Thread) => boolean = (t) => t.messages.some((m) => m.role === "assistant"),
): Promise<Thread> {
  for (let i = 0; i < 100; i += 1) {
    const thread = await as(user, (tx) => loadThread(tx, user.id, workflowId, threadId));
    if (thread && until(thread)) return thread;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error("thread not saved");
}
