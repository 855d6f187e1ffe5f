/** Hard caps on what one workflow and one save may hold; the server enforces them. */
export const GRAPH_LIMITS = {
  maxNodes: 2_000,
  maxEdges: 4_000,
  maxNodeDataBytes: 64 * 1024,
  maxEdgeDataBytes: 8 * 1024,
  maxPayloadBytes: 4 * 1024 * 1024,
  maxIdLength: 128,
} as const;

/** Ids React Flow produces and URLs tolerate: letters, digits, `_`, `-`, `.`, `:`. */
export const GRAPH_ID_PATTERN = /^[A-Za-z0-9_.:-]+$/;
