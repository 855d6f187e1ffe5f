import { z } from "zod";
import { jsonRecord, text } from "@/lib/text/storable";
import { GRAPH_LIMITS } from "./limits";
import { graphIdSchema } from "./node-base";
import { wireNodeSchema } from "./nodes";

/*
 * The wire shape of a graph: React Flow's node and edge shape reduced to what is stored.
 * Objects are strict, so unknown fields are refused rather than silently dropped. Each node
 * type's data schema lives in its own module under ./nodes.
 */
export { graphIdSchema } from "./node-base";
export { type WireNode, wireNodeSchema } from "./nodes";

export const wireEdgeSchema = z.strictObject({
  id: graphIdSchema,
  source: graphIdSchema,
  target: graphIdSchema,
  sourceHandle: text().max(64).nullable(),
  targetHandle: text().max(64).nullable(),
  data: jsonRecord().nullable().optional(),
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
  name: text().max(200).optional(),
  nodes: wireGraphSchema.shape.nodes,
  edges: wireGraphSchema.shape.edges,
  viewport: viewportSchema.optional(),
});
export type GraphFile = z.infer<typeof graphFileSchema>;

export function emptyDiff(): GraphDiff {
  return { upsertNodes: [], deleteNodes: [], upsertEdges: [], deleteEdges: [] };
}
