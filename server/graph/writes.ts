import { edgeToRow, nodeToRow } from "@/lib/graph/rows";
import type { WireEdge, WireNode } from "@/lib/graph/schemas";
import { arrayLiteral as a } from "@/server/platform/db/array-literal";
import type { RlsTransaction } from "@/server/platform/db/with-rls";

/*
 * Set-based writes of node and edge rows: one statement per kind of change, whatever the graph
 * size. Rows the caller knows to be stored are updated, the others inserted: a plain insert
 * costs about a third less than `insert … on conflict do update`, which probes every key first.
 * An update that misses a row throws rather than losing it silently. Rows travel as one typed
 * array per column (each one text parameter holding an array literal), expanded with `unnest`:
 * cheaper than parsing one JSON document of rows.
 */

function nodeColumns(nodes: WireNode[]) {
  const rows = nodes.map(nodeToRow);
  return {
    ids: a(rows.map((r) => r.id)),
    types: a(rows.map((r) => r.type)),
    data: a(rows.map((r) => JSON.stringify(r.data))),
    xs: a(rows.map((r) => r.position_x)),
    ys: a(rows.map((r) => r.position_y)),
    widths: a(rows.map((r) => r.width)),
    heights: a(rows.map((r) => r.height)),
  };
}

function edgeColumns(edges: WireEdge[]) {
  const rows = edges.map(edgeToRow);
  return {
    ids: a(rows.map((r) => r.id)),
    sources: a(rows.map((r) => r.source)),
    targets: a(rows.map((r) => r.target)),
    sourceHandles: a(rows.map((r) => r.source_handle)),
    targetHandles: a(rows.map((r) => r.target_handle)),
    data: a(rows.map((r) => (r.data == null ? null : JSON.stringify(r.data)))),
  };
}

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
  const c = nodeColumns(nodes);
  await tx.$executeRaw`
    insert into public.nodes (workflow_id, id, type, data, position_x, position_y, width, height)
    select ${workflowId}::uuid, * from unnest(${c.ids}::text[], ${c.types}::text[], ${c.data}::jsonb[],
      ${c.xs}::float8[], ${c.ys}::float8[], ${c.widths}::float8[], ${c.heights}::float8[])`;
}

export async function updateNodes(tx: RlsTransaction, workflowId: string, nodes: WireNode[]) {
  if (nodes.length === 0) return;
  const c = nodeColumns(nodes);
  const updated = await tx.$executeRaw`
    update public.nodes n
    set type = r.type, data = r.data, position_x = r.position_x, position_y = r.position_y,
        width = r.width, height = r.height
    from unnest(${c.ids}::text[], ${c.types}::text[], ${c.data}::jsonb[], ${c.xs}::float8[],
      ${c.ys}::float8[], ${c.widths}::float8[], ${c.heights}::float8[])
      as r(id, type, data, position_x, position_y, width, height)
    where n.workflow_id = ${workflowId}::uuid and n.id = r.id`;
  expectAll(updated, nodes.length, "nodes");
}

export async function insertEdges(tx: RlsTransaction, workflowId: string, edges: WireEdge[]) {
  if (edges.length === 0) return;
  const c = edgeColumns(edges);
  await tx.$executeRaw`
    insert into public.edges (workflow_id, id, source, target, source_handle, target_handle, data)
    select ${workflowId}::uuid, * from unnest(${c.ids}::text[], ${c.sources}::text[], ${c.targets}::text[],
      ${c.sourceHandles}::text[], ${c.targetHandles}::text[], ${c.data}::jsonb[])`;
}

export async function updateEdges(tx: RlsTransaction, workflowId: string, edges: WireEdge[]) {
  if (edges.length === 0) return;
  const c = edgeColumns(edges);
  const updated = await tx.$executeRaw`
    update public.edges e
    set source = r.source, target = r.target, source_handle = r.source_handle,
        target_handle = r.target_handle, data = r.data
    from unnest(${c.ids}::text[], ${c.sources}::text[], ${c.targets}::text[], ${c.sourceHandles}::text[],
      ${c.targetHandles}::text[], ${c.data}::jsonb[])
      as r(id, source, target, source_handle, target_handle, data)
    where e.workflow_id = ${workflowId}::uuid and e.id = r.id`;
  expectAll(updated, edges.length, "edges");
}
