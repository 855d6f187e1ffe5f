"use client";

import { Background, Controls, MiniMap, ReactFlow } from "@xyflow/react";
import "@xyflow/react/dist/style.css";
import type { ReactNode } from "react";
import { useShallow } from "zustand/react/shallow";
import type { Viewport } from "@/lib/graph/schemas";
import { nodeTypes } from "./nodes";
import { useActivePath } from "./runs/use-active-path";
import { useCanvasStore } from "./store-context";

const PRO_OPTIONS = { hideAttribution: true };
const MULTI_SELECT_KEYS = ["Meta", "Control", "Shift"];
/*
 * Above this many nodes React Flow draws only the nodes and edges in view. Drawing a thousand
 * off-screen nodes cost more than a second of style, layout and paint when a big workflow opened,
 * and every panned frame repainted them; small graphs keep every node in the DOM.
 */
const DRAW_ONLY_VISIBLE_ABOVE = 300;

/** React Flow bound to the canvas store; keyboard deletion is the editor's (for undo). */
export function FlowCanvas({
  defaultViewport,
  onNodeClick,
  children,
}: {
  defaultViewport: Viewport;
  onNodeClick?: () => void;
  children?: ReactNode;
}) {
  const { nodes, edges, onNodesChange, onEdgesChange, connect, canConnect, beginDrag, endDrag, setViewport } =
    useCanvasStore(
      useShallow((s) => ({
        nodes: s.nodes,
        edges: s.edges,
        onNodesChange: s.onNodesChange,
        onEdgesChange: s.onEdgesChange,
        connect: s.connect,
        canConnect: s.canConnect,
        beginDrag: s.beginDrag,
        endDrag: s.endDrag,
        setViewport: s.setViewport,
      })),
    );
  const shownEdges = useActivePath(edges);
  return (
    <ReactFlow
      nodes={nodes}
      edges={shownEdges}
      nodeTypes={nodeTypes}
      onNodesChange={onNodesChange}
      onEdgesChange={onEdgesChange}
      onConnect={connect}
      onNodeClick={onNodeClick}
      isValidConnection={canConnect}
      onNodeDragStart={(_, node, dragged) => beginDrag(dragged.length > 0 ? dragged : [node])}
      onSelectionDragStart={(_, dragged) => beginDrag(dragged)}
      onNodeDragStop={endDrag}
      onSelectionDragStop={endDrag}
      onMoveEnd={(_, viewport) => setViewport(viewport)}
      defaultViewport={defaultViewport}
      deleteKeyCode={null}
      multiSelectionKeyCode={MULTI_SELECT_KEYS}
      minZoom={0.05}
      maxZoom={4}
      proOptions={PRO_OPTIONS}
      onlyRenderVisibleElements={nodes.length > DRAW_ONLY_VISIBLE_ABOVE}
    >
      <Background gap={20} />
      <MiniMap pannable zoomable ariaLabel="Minimap" />
      <Controls position="bottom-left" />
      {children}
    </ReactFlow>
  );
}
