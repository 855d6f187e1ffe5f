"use client";

import { useReactFlow } from "@xyflow/react";
import type { DragEvent, RefObject } from "react";
import type { AppEdge } from "@/lib/graph/flow-types";
import { type AppNode, NODE_SPECS, type NodeType } from "@/lib/graph/nodes";
import { type Box, freeSpot, rightOf } from "@/lib/graph/place-node";
import { makeNode } from "./add-node";
import { newEdgeId } from "./store";
import { useCanvasStoreApi } from "./store-context";

/** The drag data type of a palette item: its node type. */
export const PALETTE_DRAG_TYPE = "application/x-tryliate-node";

function sizeOf(type: NodeType): { width: number; height: number } {
  const size = NODE_SPECS[type].size;
  return size.kind === "fixed" ? size : { width: size.minWidth, height: size.minHeight };
}

function boxOf(node: AppNode): Box {
  const size = sizeOf(node.type);
  return {
    ...node.position,
    width: node.measured?.width ?? node.width ?? size.width,
    height: node.measured?.height ?? node.height ?? size.height,
  };
}

export function deselectAll<T extends { selected?: boolean }>(items: T[]): T[] {
  return items.map((item) => (item.selected ? { ...item, selected: false } : item));
}

/** An edge from the node's first output into the new node's first input, when both have one. */
function follow(after: AppNode | undefined, node: AppNode): AppEdge | null {
  const output = after && NODE_SPECS[after.type].outputs[0];
  const input = NODE_SPECS[node.type].inputs[0];
  if (!after || !output || !input) return null;
  return {
    id: newEdgeId(),
    source: after.id,
    target: node.id,
    sourceHandle: output.id,
    targetHandle: input.id,
  };
}

/**
 * Adding nodes from the palette or the search: a node follows the one selected (right of it,
 * connected), else lands in the middle of the view, in both cases clear of every other node; a
 * node dragged from the palette lands where it is dropped.
 */
export function useAddNode(paneRef: RefObject<HTMLDivElement | null>) {
  const store = useCanvasStoreApi();
  const flow = useReactFlow();

  const viewCenter = (size: { width: number; height: number }) => {
    const rect = paneRef.current?.getBoundingClientRect();
    const center = flow.screenToFlowPosition(
      rect ? { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 } : { x: 400, y: 300 },
    );
    return { x: center.x - size.width / 2, y: center.y - size.height / 2 };
  };

  const addNode = (
    type: NodeType,
    preset?: { serverId?: string; tool?: string },
    droppedAt?: { x: number; y: number },
  ) => {
    const data = preset?.tool
      ? { serverId: preset.serverId ?? null, tool: preset.tool, label: preset.tool }
      : undefined;
    const { nodes } = store.getState();
    const selected = nodes.filter((n) => n.selected);
    const after = !droppedAt && selected.length === 1 ? selected[0] : undefined;
    const size = sizeOf(type);
    const position =
      droppedAt ?? freeSpot(after ? rightOf(boxOf(after)) : viewCenter(size), size, nodes.map(boxOf));
    const node = makeNode(type, position, data);
    const edge = follow(after, node);
    store.getState().applyLocalChange((g) => ({
      nodes: [...deselectAll(g.nodes), node],
      edges: edge ? [...g.edges, edge] : g.edges,
    }));
  };

  const dropTarget = {
    onDragOver: (event: DragEvent) => {
      if (!event.dataTransfer.types.includes(PALETTE_DRAG_TYPE)) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = "copy";
    },
    onDrop: (event: DragEvent) => {
      const type = event.dataTransfer.getData(PALETTE_DRAG_TYPE);
      if (!type || !(type in NODE_SPECS)) return;
      event.preventDefault();
      addNode(type as NodeType, undefined, flow.screenToFlowPosition({ x: event.clientX, y: event.clientY }));
    },
  };

  return { addNode, dropTarget };
}
