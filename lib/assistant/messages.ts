import type { UIMessage } from "ai";
import type { GraphDiff } from "@/lib/graph/schemas";

/**
 * What one assistant turn changed, sent as the turn's last data part: `forward` turns the graph as
 * it was before the turn into the graph after it, `inverse` turns it back. When the user asked to
 * see changes first, nothing was saved and `proposed` is true.
 */
export type TurnChanges = { forward: GraphDiff; inverse: GraphDiff; proposed: boolean };

/** The result every editing tool gives the model and the panel. */
export type EditOutcome =
  | { ok: true; summary: string; diff: GraphDiff; proposed: boolean }
  | { ok: false; error: string };

export type AssistantDataParts = { turn: TurnChanges; notice: { text: string } };

export type AssistantMessage = UIMessage<unknown, AssistantDataParts>;

/** A thread as the panel lists it. */
export type ThreadSummary = { threadId: string; title: string; updatedAt: Date };

export const NO_PROVIDER_MESSAGE =
  "Trymate has no model configured: set OPENAI_API_KEY, ANTHROPIC_API_KEY, or TRYLIATE_ASSISTANT_BASE_URL with TRYLIATE_ASSISTANT_MODEL on the server, then restart it.";
