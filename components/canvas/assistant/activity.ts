import type { EditOutcome } from "@/lib/assistant/messages";

const LABELS: Record<string, string> = {
  read_graph: "read the workflow",
  list_registry: "looked up the MCP registry",
  add_node: "add a node",
  update_node: "update a node",
  connect_nodes: "connect nodes",
  delete_nodes: "delete",
  auto_layout: "lay out the workflow",
};

export type ToolPart = {
  type: string;
  toolCallId: string;
  state: string;
  input?: unknown;
  output?: unknown;
  errorText?: string;
  approval?: { id: string; approved?: boolean };
};

export const toolName = (part: { type: string }) => part.type.slice("tool-".length);

export function isToolPart(part: { type: string }): part is ToolPart {
  return part.type.startsWith("tool-");
}

export function isEditOutcome(output: unknown): output is EditOutcome {
  return typeof output === "object" && output !== null && "ok" in output;
}

/** One line of visible tool activity, e.g. "added tool node "Search" …" or why it failed. */
export function describeActivity(part: ToolPart): { text: string; tone: "done" | "failed" | "working" } {
  const name = toolName(part);
  const label = LABELS[name] ?? name;
  switch (part.state) {
    case "output-available": {
      if (!isEditOutcome(part.output)) return { text: label, tone: "done" };
      if (part.output.ok)
        return {
          text: part.output.proposed ? `proposed: ${part.output.summary}` : part.output.summary,
          tone: "done",
        };
      return {
        text: `could not ${label}: ${part.output.error.split("\n").slice(0, 3).join(" ")}`,
        tone: "failed",
      };
    }
    case "output-error":
      return { text: `could not ${label}: ${part.errorText ?? "invalid arguments"}`, tone: "failed" };
    case "output-denied":
      return { text: `you declined: ${label}`, tone: "failed" };
    default:
      return { text: `${label}…`, tone: "working" };
  }
}
