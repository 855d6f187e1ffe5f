import type { NodeType, WireNode } from "@/lib/graph/nodes";
import type { ToolCaller } from "@/server/runs/tool-caller";

export type StepContext<T extends NodeType = NodeType> = {
  runId: string;
  userId: string;
  node: Extract<WireNode, { type: T }>;
  /** The trigger input and the outputs of the nodes done so far, as templates see them. */
  data: { input: unknown; nodes: Record<string, unknown> };
  /** The nodes whose edge into this one carried, in the order they ended. */
  arrived: string[];
  signal: AbortSignal;
  timeoutMs: number;
  tools: ToolCaller;
};

/** What one attempt of a step produced: what it was given, what it made, and which outputs carry on. */
export type StepResult = { input: unknown; output: unknown; handles: string[] };

/** How one node type runs (one module per type beside this one). */
export type StepDefinition<T extends NodeType = NodeType> = {
  run(context: StepContext<T>): Promise<StepResult>;
  retries?(node: Extract<WireNode, { type: T }>): number | undefined;
  backoffSeconds?(node: Extract<WireNode, { type: T }>): number | undefined;
  timeoutSeconds?(node: Extract<WireNode, { type: T }>): number | undefined;
};
