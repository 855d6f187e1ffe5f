import { edgeToRow, nodeToRow } from "@/lib/graph/rows";
import type { WireEdge, WireNode } from "@/lib/graph/schemas";
import type { RlsTransaction } from "@/server/db/with-rls";

/*
 * Set-based writes of node and edge rows: one statement per kind of change, whatever the graph
 * size. Rows the caller knows to be stored are updated, the others inserted: a plain insert
 * costs about a third less than `insert … on conflict do update`, which probes every key first.
 * An update that misses a row throws rather than losing it silently.
 */

const nodeRecords = (nodes: WireNode[]) => JSON.stringify(nodes.map(nodeToRow));
const edgeRecords = (edges: WireEdge[]) => JSON.stringify(edges.map(edgeToRow));

function expectAll(written: number, expected: number, what: string) {
  if (written !== expected) throw new Error(`Expected to update ${expected} ${what}, updated ${written}.`);
}

export async function deleteEdges(tx: RlsTransaction, workflowId: string, ids: string[]) {
  if (ids.length === 0) return;
  await tx.$executeRaw`
    delete from public.edges
    where workflow_id = ${workflowId}::uuid
      and id in (select jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))`;
}

/** Their edges go with them (the edges' foreign keys cascade). */
export async function deleteNodes(tx: RlsTransaction, workflowId: string, ids: string[]) {
  if (ids.length === 0) return;
  await tx.$executeRaw`
    delete from public.nodes
    where workflow_id = ${workflowId}::uuid
      and id in (select jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))`;
}

export async function insertNodes(tx: RlsTransaction, workflowId: string, nodes: WireNode[]) {
  if (nodes.length === 0) return;
  await tx.$executeRaw`
    insert into public.nodes (workflow_id, id, type, data, position_x, position_y, width, height)
    select ${workflowId}::uuid, r.id, r.type, r.data, r.position_x, r.position_y, r.width, r.height
    from jsonb_to_recordset(${nodeRecords(nodes)}::jsonb)
      as r(id text, type text, data jsonb, position_x double precision, position_y double precision,
           width double precision, height double precision)`;
}

export async function updateNodes(tx: RlsTransaction, workflowId: string, nodes: WireNode[]) {
  if (nodes.length === 0) return;
  const updated = await tx.$executeRaw`
    update public.nodes n
    set type = r.type, data = r.data, position_x = r.position_x, position_y = r.position_y,
        width = r.width, height = r.height
    from jsonb_to_recordset(${nodeRecords(nodes)}::jsonb)
      as r(id text, type text, data jsonb, position_x double precision, position_y double precision,
           width double precision, height double precision)
    where n.workflow_id = ${workflowId}::uuid and n.id = r.id`;
  expectAll(updated, nodes.length, "nodes");
}

export async function insertEdges(tx: RlsTransaction, workflowId: string, edges: WireEdge[]) {
  if (edges.length === 0) return;
  await tx.$executeRaw`
    insert into public.edges (workflow_id, id, source, target, source_handle, target_handle, data)
    select ${workflowId}::uuid, r.id, r.source, r.target, r.source_handle, r.target_handle, r.data
    from jsonb_to_recordset(${edgeRecords(edges)}::jsonb)
      as r(id text, source text, target text, source_handle text, target_handle text, data jsonb)`;
}

export async function updateEdges(tx: RlsTransaction, workflowId: string, edges: WireEdge[]) {
  if (edges.length === 0) return;
  const updated = await tx.$executeRaw`
    update public.edges e
    set source = r.source, target = r.target, source_handle = r.source_handle,
        target_handle = r.target_handle, data = r.data
    from jsonb_to_recordset(${edgeRecords(edges)}::jsonb)
      as r(id text, source text, target text, source_handle text, target_handle text, data jsonb)
    where e.workflow_id = ${workflowId}::uuid and e.id = r.id`;
  expectAll(updated, edges.length, "edges");
}
