import type { z } from "zod";

/** The kind of value a handle carries; an edge joins two handles whose kinds fit. */
export type ValueKind = "json" | "any";

export type HandleSpec = { id: string; label: string; kind: ValueKind };

/**
 * How big a node is on the canvas. A fixed size is known before the node is drawn (so React Flow
 * can place it and its edges in its first pass); a resizable node stores its width and height.
 */
export type SizeRule =
  | { kind: "fixed"; width: number; height: number }
  | { kind: "resizable"; minWidth: number; minHeight: number };

/**
 * Everything the graph knows about one node type, in one place: its data and how it is checked,
 * how it is offered to a user, what it connects to, how big it is, and whether it runs.
 */
export type NodeSpec<
  Type extends string = string,
  Schema extends z.ZodType = z.ZodType,
  Size extends SizeRule = SizeRule,
> = {
  type: Type;
  /** Shown in the palette, the search and the inspector's title. */
  label: string;
  description: string;
  /** The node's `data`, as stored and sent (a strict object: unknown fields are refused). */
  data: Schema;
  /** The data of a node just added from the palette. */
  defaults: z.infer<Schema>;
  inputs: readonly HandleSpec[];
  outputs: readonly HandleSpec[];
  size: Size;
  /**
   * Whether a run executes this node. The step that does it lives on the server, one module per
   * type beside the others; a type that never runs (a note) is skipped by runs.
   */
  runs: boolean;
  /** Set on trigger nodes: what starts a run from this node (a person, a webhook delivery, a schedule). */
  trigger?: "manual" | "webhook" | "schedule";
};

/** Declares a node type; the literal type, the data schema and the size rule are kept for the derived unions. */
export function defineNode<const Type extends string, Schema extends z.ZodType, const Size extends SizeRule>(
  spec: NodeSpec<Type, Schema, Size>,
): NodeSpec<Type, Schema, Size> {
  return spec;
}
