import { randomUUID } from "node:crypto";
import type { UIMessage } from "ai";

const MAX_TEXT = 8_000;

/** The user's new message reduced to its text: nothing else a browser sends is trusted. */
export function userMessage(sent: UIMessage): { message: UIMessage; text: string } | null {
  const text = sent.parts
    .filter(
      (p): p is { type: "text"; text: string } =>
        p.type === "text" && typeof (p as { text?: unknown }).text === "string",
    )
    .map((p) => p.text)
    .join("\n")
    .trim()
    .slice(0, MAX_TEXT);
  if (!text) return null;
  const id = typeof sent.id === "string" && /^[A-Za-z0-9_-]{1,64}$/.test(sent.id) ? sent.id : randomUUID();
  return { message: { id, role: "user", parts: [{ type: "text", text }] }, text };
}

type ApprovalPart = {
  type: string;
  toolCallId?: string;
  state?: string;
  approval?: { id: string; approved?: boolean; reason?: string };
};

/**
 * The stored thread with the user's answers to the assistant's pending questions taken from the
 * message the browser sent back; only the approve/decline decisions are read from it.
 */
export function mergeApprovals(stored: UIMessage[], sent: UIMessage): UIMessage[] | null {
  const last = stored[stored.length - 1];
  if (last?.role !== "assistant" || last.id !== sent.id) return null;
  const answers = new Map<string, boolean>();
  for (const part of sent.parts as ApprovalPart[]) {
    if (part.state === "approval-responded" && part.approval?.id)
      answers.set(part.approval.id, part.approval.approved === true);
  }
  let answered = 0;
  const parts = (last.parts as ApprovalPart[]).map((part) => {
    if (part.state !== "approval-requested" || !part.approval) return part;
    const approved = answers.get(part.approval.id);
    if (approved === undefined) return part;
    answered += 1;
    return { ...part, state: "approval-responded", approval: { id: part.approval.id, approved } };
  });
  if (answered === 0) return null;
  return [...stored.slice(0, -1), { ...last, parts: parts as UIMessage["parts"] }];
}
