/**
 * What each node type offers: its named handles and the kind of value each carries. Shared by
 * the canvas (to draw handles and check connections) and the server (to validate saved edges).
 */
export type ValueKind = "json" | "any";

export type HandleSpec = { id: string; label: string; kind: ValueKind };

export type NodeSpec = {
  label: string;
  description: string;
  inputs: readonly HandleSpec[];
  outputs: readonly HandleSpec[];
};

export const NODE_TYPES = ["trigger", "protocol", "note"] as const;
export type NodeType = (typeof NODE_TYPES)[number];

export const NODE_SPECS: Record<NodeType, NodeSpec> = {
  trigger: {
    label: "Manual trigger",
    description: "Starts a run by hand with a JSON input.",
    inputs: [],
    outputs: [{ id: "out", label: "input", kind: "json" }],
  },
  protocol: {
    label: "MCP tool",
    description: "Calls one tool of an MCP server.",
    inputs: [{ id: "in", label: "input", kind: "any" }],
    outputs: [
      { id: "out", label: "result", kind: "json" },
      { id: "error", label: "error", kind: "json" },
    ],
  },
  note: {
    label: "Note",
    description: "A sticky note; never runs.",
    inputs: [],
    outputs: [],
  },
};

export function isNodeType(value: string): value is NodeType {
  return (NODE_TYPES as readonly string[]).includes(value);
}

export function outputHandle(type: string, handleId: string | null | undefined): HandleSpec | undefined {
  if (!isNodeType(type)) return undefined;
  const outputs = NODE_SPECS[type].outputs;
  return handleId == null ? (outputs.length === 1 ? outputs[0] : undefined) : outputs.find((h) => h.id === handleId);
}

export function inputHandle(type: string, handleId: string | null | undefined): HandleSpec | undefined {
  if (!isNodeType(type)) return undefined;
  const inputs = NODE_SPECS[type].inputs;
  return handleId == null ? (inputs.length === 1 ? inputs[0] : undefined) : inputs.find((h) => h.id === handleId);
}

/** Whether a value of kind `from` may flow into a handle that accepts `to`. */
export function kindsFit(from: ValueKind, to: ValueKind): boolean {
  return to === "any" || from === "any" || from === to;
}
