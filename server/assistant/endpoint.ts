import "server-only";
import type { UIMessage } from "ai";
import { NO_PROVIDER_MESSAGE } from "@/lib/assistant/messages";
import { getAssistantConfig } from "@/server/platform/env/assistant";
import { processSingleton } from "@/server/platform/process-singleton";
import { createContext } from "@/server/platform/trpc/context";
import { createBudget } from "./budget";
import { languageModel } from "./provider";
import { runTurn } from "./turn";

/** The chat route's work: the same verified Supabase claims as tRPC, then one turn under the user's RLS. */
export async function createAssistantTurn(
  req: Request,
  body: {
    workflowId: string;
    threadId: string;
    proposeFirst: boolean;
    message: { id: string; role: "user" | "assistant"; parts: unknown[] };
  },
): Promise<Response> {
  const { claims } = await createContext({ headers: req.headers });
  if (!claims?.sub) return Response.json({ error: "Sign in to continue." }, { status: 401 });
  const config = getAssistantConfig();
  if (!config.provider) return Response.json({ error: NO_PROVIDER_MESSAGE }, { status: 503 });
  const budget = processSingleton("assistant-budget", () => createBudget(config.budget));
  return runTurn({
    claims,
    model: languageModel(config.provider),
    budget,
    request: { ...body, message: body.message as UIMessage },
    abortSignal: req.signal,
  });
}
