/** Small wire-shaped nodes and an edge between them, for graph tests. */
export const trigger = {
  id: "t",
  type: "trigger",
  position: { x: 0, y: 0 },
  data: { label: "Start", input: "{}" },
} as const;
export const tool = {
  id: "p",
  type: "protocol",
  position: { x: 200, y: 0 },
  data: { label: "Tool", serverId: null, tool: null, args: "{}" },
} as const;
export const link = { id: "e", source: "t", target: "p", sourceHandle: "out", targetHandle: "in" };
