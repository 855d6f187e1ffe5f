import {
  APICallError,
  convertToModelMessages,
  createUIMessageStream,
  createUIMessageStreamResponse,
  isStepCount,
  type LanguageModel,
  streamText,
  toUIMessageStream,
  type UIMessage,
} from "ai";
import type { TurnChanges } from "@/lib/assistant/messages";
import { loadGraph } from "@/server/graph";
import type { JwtClaims } from "@/server/platform/db/claims";
import { type RlsDb, withRls } from "@/server/platform/db/with-rls";
import { isAppError } from "@/server/platform/errors/app-error";
import type { Budget, BudgetVerdict } from "./budget";
import { summarizeGraph } from "./graph-summary";
import { systemPrompt } from "./prompt";
import { mergeApprovals, userMessage } from "./thread-messages";
import { emptyContext, loadThread, saveThread, type ThreadContext } from "./threads";
import { assistantTools, DELETE_WITHOUT_ASKING } from "./tools";
import { createTurnEdits } from "./turn-edits";

export type TurnRequest = {
  workflowId: string;
  threadId: string;
  proposeFirst: boolean;
  /** The new user message, or the last assistant message carrying the user's approvals. */
  message: UIMessage;
};

const HISTORY_WINDOW = 30;
const MAX_STEPS = 8;
const MEMORY_LINES = 20;

const plain = (status: number, message: string) =>
  new Response(JSON.stringify({ error: message }), {
    status,
    headers: { "content-type": "application/json" },
  });

/** What the browser may see of a failure: never a key, a URL or a stack. */
function safeError(error: unknown): string {
  if (APICallError.isInstance(error))
    return `The model provider refused the request (HTTP ${error.statusCode ?? "error"}).`;
  return "The assistant stopped because of an error. Try again.";
}

function rememberTurn(memory: string, asked: string, changes: string[]): string {
  const line = `- asked: ${asked.slice(0, 160).replace(/\s+/g, " ")} → ${changes.length ? changes.join("; ").slice(0, 240) : "answered"}`;
  return [...memory.split("\n").filter(Boolean), line].slice(-MEMORY_LINES).join("\n");
}

/**
 * One assistant turn: checks the budget, loads the thread and the workflow under the user's RLS,
 * streams the model's answer and tool activity, ends with the turn's changes as one diff, and
 * saves the thread (messages, memory, graph summary) to `flow_space`.
 */
export async function runTurn(options: {
  claims: JwtClaims;
  model: LanguageModel;
  budget: Budget;
  request: TurnRequest;
  db?: RlsDb;
  abortSignal?: AbortSignal;
}): Promise<Response> {
  const { claims, model, budget, request } = options;
  const userId = claims.sub;
  const db: RlsDb = options.db ?? ((fn) => withRls(claims, fn));
  const { workflowId, threadId, proposeFirst } = request;

  const sent = request.message.role === "user" ? userMessage(request.message) : undefined;
  if (sent === null) return plain(400, "Write a message for the assistant.");

  let thread: ThreadContext;
  let graphSummary: string;
  let verdict: BudgetVerdict | null;
  try {
    // A new message is counted while its thread loads (the two are independent); an answer to
    // the assistant's question only once it is known to answer one.
    [[thread, graphSummary], verdict] = await Promise.all([
      db(async (tx) => {
        const graph = await loadGraph(tx, userId, workflowId);
        const stored = (await loadThread(tx, userId, workflowId, threadId)) ?? emptyContext();
        return [stored, summarizeGraph({ nodes: graph.nodes, edges: graph.edges })] as const;
      }),
      sent ? budget.take(userId) : null,
    ]);
  } catch (error) {
    if (isAppError(error) && error.status === "NOT_FOUND") return plain(404, error.message);
    throw error;
  }

  let messages: UIMessage[];
  let asked = "";
  if (sent) {
    asked = sent.text;
    messages = [...thread.messages, sent.message];
    if (thread.messages.length === 0) thread.title = sent.text.slice(0, 60);
  } else {
    const merged = mergeApprovals(thread.messages, request.message);
    if (!merged) return plain(400, "There is no question of the assistant waiting for this answer.");
    messages = merged;
    asked = "(confirmed or declined a change)";
    verdict = await budget.take(userId);
  }
  if (!verdict?.ok) return plain(429, verdict?.message ?? "");

  const edits = createTurnEdits({ db, userId, workflowId, proposeFirst });
  const tools = assistantTools({ edits, db, userId, workflowId, proposeFirst });
  const result = streamText({
    model,
    system: systemPrompt(thread.memory, graphSummary),
    messages: await convertToModelMessages(messages.slice(-HISTORY_WINDOW), { tools }),
    tools,
    toolApproval: {
      delete_nodes: (input) =>
        (input.nodeIds?.length ?? 0) > DELETE_WITHOUT_ASKING ? "user-approval" : undefined,
      run_workflow: "user-approval",
    },
    stopWhen: isStepCount(MAX_STEPS),
    // The SDK's default logs the whole error (request body and URL included): log one safe line.
    onError: ({ error }) => console.error(`Trymate: ${safeError(error)}`),
    ...(options.abortSignal ? { abortSignal: options.abortSignal } : {}),
  });

  const summaries: string[] = [];
  let changes: TurnChanges | null = null;
  const stream = createUIMessageStream({
    originalMessages: messages,
    onError: safeError,
    async execute({ writer }) {
      const parts = toUIMessageStream({
        stream: result.stream,
        tools,
        sendFinish: false,
        onError: safeError,
      });
      const reader = parts.getReader();
      for (let next = await reader.read(); !next.done; next = await reader.read()) {
        const chunk = next.value;
        if (chunk.type === "tool-output-available") {
          const output = chunk.output as { ok?: boolean; summary?: string } | undefined;
          if (output?.ok && output.summary) summaries.push(output.summary);
        }
        writer.write(chunk);
      }
      changes = edits.changes();
      if (changes) writer.write({ type: "data-turn", data: changes });
      writer.write({ type: "finish" });
      try {
        const usage = await result.totalUsage;
        await budget.record(
          userId,
          usage.totalTokens ?? (usage.inputTokens ?? 0) + (usage.outputTokens ?? 0),
        );
      } catch {
        // an aborted or failed stream has no usage to add
      }
    },
    async onEnd({ messages: all }) {
      const after = await edits.graph().catch(() => null);
      await db((tx) =>
        saveThread(tx, userId, workflowId, threadId, {
          title: thread.title,
          messages: all,
          memory: rememberTurn(thread.memory, asked, summaries),
          graphSummary: after ? summarizeGraph(after) : graphSummary,
        }),
      );
    },
  });
  return createUIMessageStreamResponse({ stream });
}
