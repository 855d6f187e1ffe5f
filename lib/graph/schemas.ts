import { z } from "zod";
import { GRAPH_ID_PATTERN, GRAPH_LIMITS } from "./limits";

/**
 * The wire shape of a graph: React Flow's node and edge shape reduced to what is stored.
 * Objects are strict, so unknown fields are refused rather than silently dropped.
 */
export const graphIdSchema = z
  .string()
  .min(1, "id is empty")
  .max(GRAPH_LIMITS.maxIdLength, `id is longer than ${GRAPH_LIMITS.maxIdLength} characters`)
  .regex(GRAPH_ID_PATTERN, "id may hold only letters, digits, '_', '-', '.' and ':'");

const label = z.string().max(200);
const jsonText = z.string().max(GRAPH_LIMITS.maxNodeDataBytes);

export const triggerDataSchema = z.strictObject({ label, input: jsonText });
export const protocolDataSchema = z.strictObject({
  label,
  serverId: z.string().max(200).nullable(),
  tool: z.string().max(200).nullable(),
  args: jsonText,
});
export const noteDataSchema = z.strictObject({ text: z.string().max(GRAPH_LIMITS.maxNodeDataBytes) });

export type TriggerData = z.infer<typeof triggerDataSchema>;
export type ProtocolData = z.infer<typeof protocolDataSchema>;
export type NoteData = z.infer<typeof noteDataSchema>;

const positionSchema = z.strictObject({ x: z.number(), y: z.number() });
const sizeSchema = z.number().positive().max(100_000).nullable().optional();

const nodeBase = { id: graphIdSchema, position: positionSchema, width: sizeSchema, height: sizeSchema };

export const wireNodeSchema = z.discriminatedUnion("type", [
  z.strictObject({ ...nodeBase, type: z.literal("trigger"), data: triggerDataSchema }),
  z.strictObject({ ...nodeBase, type: z.literal("protocol"), data: protocolDataSchema }),
  z.strictObject({ ...nodeBase, type: z.literal("note"), data: noteDataSchema }),
]);
export type WireNode = z.infer<typeof wireNodeSchema>;

export const wireEdgeSchema = z.strictObject({
  id: graphIdSchema,
  source: graphIdSchema,
  target: graphIdSchema,
  sourceHandle: z.string().max(64).nullable(),
  targetHandle: z.string().max(64).nullable(),
  data: z.record(z.string(), z.unknown()).nullable().optional(),
});
export type WireEdge = z.infer<typeof wireEdgeSchema>;

export const viewportSchema = z.strictObject({
  x: z.number(),
  y: z.number(),
  zoom: z.number().min(0.01).max(10),
});
export type Viewport = z.infer<typeof viewportSchema>;

export const DEFAULT_VIEWPORT: Viewport = { x: 0, y: 0, zoom: 1 };

export const graphDiffSchema = z.strictObject({
  upsertNodes: z.array(wireNodeSchema).max(GRAPH_LIMITS.maxNodes),
  deleteNodes: z.array(graphIdSchema).max(GRAPH_LIMITS.maxNodes),
  upsertEdges: z.array(wireEdgeSchema).max(GRAPH_LIMITS.maxEdges),
  deleteEdges: z.array(graphIdSchema).max(GRAPH_LIMITS.maxEdges),
  viewport: viewportSchema.optional(),
});
export type GraphDiff = z.infer<typeof graphDiffSchema>;

export const wireGraphSchema = z.strictObject({
  nodes: z.array(wireNodeSchema).max(GRAPH_LIMITS.maxNodes),
  edges: z.array(wireEdgeSchema).max(GRAPH_LIMITS.maxEdges),
  viewport: viewportSchema.optional(),
});
export type WireGraph = z.infer<typeof wireGraphSchema>;

/** The file a user exports and imports, and the snapshot kept by a named version. */
export const GRAPH_FILE_FORMAT = "tryliate.graph";
export const graphFileSchema = z.strictObject({
  format: z.literal(GRAPH_FILE_FORMAT),
  version: z.literal(1),
  name: z.string().max(200).optional(),
  nodes: wireGraphSchema.shape.nodes,
  edges: wireGraphSchema.shape.edges,
  viewport: viewportSchema.optional(),
});
export type GraphFile = z.infer<typeof graphFileSchema>;

export function emptyDiff(): GraphDiff {
  return { upsertNodes: [], deleteNodes: [], upsertEdges: [], deleteEdges: [] };
}
