"use client";

import { useChat } from "@ai-sdk/react";
import { DefaultChatTransport, lastAssistantMessageIsCompleteWithApprovalResponses } from "ai";
import { useEffect, useMemo, useRef, useState } from "react";
import type { Autosave } from "@/components/canvas/autosave";
import { useCanvasStoreApi } from "@/components/canvas/store-context";
import type { AssistantMessage, TurnChanges } from "@/lib/assistant/messages";
import {
  approvalQuestion,
  describeActivity,
  describeProposal,
  EXAMPLE_PROMPTS,
  isEditOutcome,
  isToolPart,
  type ToolPart,
  toolName,
} from "./activity";
import styles from "./assistant.module.css";
import { applyProposal, clearProposal, recordTurnStep, showProposal, showSavedEdit } from "./turn-apply";

function readableError(error: Error): string {
  try {
    const parsed = JSON.parse(error.message) as { error?: string };
    if (parsed.error) return parsed.error;
  } catch {
    // not a JSON body
  }
  return error.message || "The assistant could not answer.";
}

const toolCallIds = (messages: AssistantMessage[]) =>
  new Set(messages.flatMap((m) => m.parts.filter(isToolPart).map((p) => (p as ToolPart).toolCallId)));

/** One thread's chat: streams the answer, shows tool activity, and brings the turn's edits to this canvas. */
export function AssistantChat({
  workflowId,
  threadId,
  initialMessages,
  autosave,
  onTurnEnd,
}: {
  workflowId: string;
  threadId: string;
  initialMessages: AssistantMessage[];
  autosave: Autosave | null;
  onTurnEnd: () => void;
}) {
  const store = useCanvasStoreApi();
  const [proposeFirst, setProposeFirst] = useState(false);
  const [draft, setDraft] = useState("");
  const [proposal, setProposal] = useState<TurnChanges | null>(null);
  const proposeRef = useRef(proposeFirst);
  proposeRef.current = proposeFirst;
  const autosaveRef = useRef(autosave);
  autosaveRef.current = autosave;
  // Tool results already shown (a resumed thread's history is never applied again).
  const applied = useRef(toolCallIds(initialMessages));

  const transport = useMemo(
    () =>
      new DefaultChatTransport<AssistantMessage>({
        api: "/api/assistant",
        prepareSendMessagesRequest: ({ messages, id }) => ({
          body: {
            workflowId,
            threadId: id,
            proposeFirst: proposeRef.current,
            message: messages[messages.length - 1],
          },
        }),
      }),
    [workflowId],
  );

  const chat = useChat<AssistantMessage>({
    id: threadId,
    messages: initialMessages,
    transport,
    sendAutomaticallyWhen: lastAssistantMessageIsCompleteWithApprovalResponses,
    onData: (part) => {
      if (part.type !== "data-turn") return;
      const turn = part.data;
      if (turn.proposed) {
        setProposal(turn);
        showProposal(store, turn.forward, styles.preview ?? "preview");
        return;
      }
      const ledger = autosaveRef.current?.ledger;
      if (ledger) recordTurnStep(store, ledger, turn.forward, turn.inverse);
    },
    onFinish: () => onTurnEnd(),
  });

  // Saved edits show in this tab as their results stream in, before Realtime's echo.
  useEffect(() => {
    const ledger = autosave?.ledger;
    if (!ledger) return;
    for (const message of chat.messages) {
      for (const part of message.parts) {
        if (!isToolPart(part) || part.state !== "output-available" || applied.current.has(part.toolCallId))
          continue;
        applied.current.add(part.toolCallId);
        if (isEditOutcome(part.output) && part.output.ok && !part.output.proposed)
          showSavedEdit(store, ledger, part.output.diff);
      }
    }
  }, [chat.messages, autosave, store]);

  const busy = chat.status === "submitted" || chat.status === "streaming";
  const send = () => {
    const text = draft.trim();
    if (!text || busy) return;
    if (proposal) {
      clearProposal(store, styles.preview ?? "preview");
      setProposal(null);
    }
    setDraft("");
    void chat.sendMessage({ text });
  };

  return (
    <>
      <div className={styles.messages} data-testid="assistant-messages">
        {chat.messages.length === 0 && (
          <div className={styles.welcome}>
            <p>
              <strong>Trymate</strong> builds, changes and explains this workflow with you. Every change it
              makes is one undo step.
            </p>
            <ul className={styles.examples} aria-label="Example prompts">
              {EXAMPLE_PROMPTS.map((prompt) => (
                <li key={prompt}>
                  <button type="button" className={styles.example} onClick={() => setDraft(prompt)}>
                    {prompt}
                  </button>
                </li>
              ))}
            </ul>
          </div>
        )}
        {chat.messages.map((message) => (
          <div key={message.id} className={message.role === "user" ? styles.user : styles.assistant}>
            {message.parts.map((part, i) => {
              const key = `${message.id}-${i}`;
              if (part.type === "text") return <span key={key}>{part.text}</span>;
              if (!isToolPart(part)) return null;
              const tool = part as ToolPart;
              if (tool.state === "approval-requested" && tool.approval) {
                const { question, yes, no } = approvalQuestion(tool);
                const approval = tool.approval;
                return (
                  <fieldset key={key} className={styles.confirm} aria-label="Confirm">
                    <span>{question}</span>
                    <div className={styles.row}>
                      <button
                        type="button"
                        onClick={() => void chat.addToolApprovalResponse({ id: approval.id, approved: true })}
                      >
                        {yes}
                      </button>
                      <button
                        type="button"
                        onClick={() =>
                          void chat.addToolApprovalResponse({ id: approval.id, approved: false })
                        }
                      >
                        {no}
                      </button>
                    </div>
                  </fieldset>
                );
              }
              const activity = describeActivity(tool);
              return (
                <ul key={key} className={styles.activity}>
                  <li
                    className={styles[activity.tone]}
                    data-testid="assistant-activity"
                    data-tool={toolName(tool)}
                  >
                    {activity.text}
                  </li>
                </ul>
              );
            })}
          </div>
        ))}
        {chat.error && (
          <p className={styles.error} role="alert">
            {readableError(chat.error)}
          </p>
        )}
      </div>
      {proposal && (
        <fieldset className={styles.proposal} aria-label="Proposed changes">
          <span>{describeProposal(proposal.forward)}</span>
          <div className={styles.row}>
            <button
              type="button"
              onClick={() => {
                applyProposal(store, proposal.forward, styles.preview ?? "preview");
                setProposal(null);
              }}
            >
              Apply
            </button>
            <button
              type="button"
              onClick={() => {
                clearProposal(store, styles.preview ?? "preview");
                setProposal(null);
              }}
            >
              Discard
            </button>
          </div>
        </fieldset>
      )}
      <form
        method="post"
        className={styles.composer}
        onSubmit={(e) => {
          e.preventDefault();
          send();
        }}
      >
        <textarea
          aria-label="Message Trymate"
          placeholder="Ask Trymate about this workflow"
          value={draft}
          maxLength={8000}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter" && !e.shiftKey) {
              e.preventDefault();
              send();
            }
          }}
        />
        <div className={styles.row}>
          <label>
            <input
              type="checkbox"
              checked={proposeFirst}
              onChange={(e) => setProposeFirst(e.target.checked)}
            />{" "}
            Propose first
          </label>
          {busy ? (
            <button type="button" onClick={() => void chat.stop()}>
              Stop
            </button>
          ) : (
            <button type="submit" disabled={!draft.trim()}>
              Send
            </button>
          )}
        </div>
      </form>
    </>
  );
}
