import { GRAPH_FILE_FORMAT, type GraphFile } from "@/lib/graph/schemas";
import type { RlsTransaction } from "@/server/platform/db/with-rls";
import { loadGraph } from "./graph";

/** The stored graph as the file format used by export, import and versions. */
export async function exportGraph(
  tx: RlsTransaction,
  userId: string,
  workflowId: string,
): Promise<GraphFile> {
  const { workflow, nodes, edges } = await loadGraph(tx, userId, workflowId);
  return {
    format: GRAPH_FILE_FORMAT,
    version: 1,
    name: workflow.name,
    nodes,
    edges,
    viewport: workflow.viewport,
  };
}
