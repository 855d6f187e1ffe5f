// The baseline: bare React Flow (default nodes, no app code) rendering the same graph.
import { Background, type Edge, type Node, ReactFlow } from "@xyflow/react";
import "@xyflow/react/dist/style.css";
import { createRoot } from "react-dom/client";

type Graph = { nodes: Node[]; edges: Edge[] };
const graph = (window as unknown as { __GRAPH__: Graph }).__GRAPH__;

function Bare() {
  return (
    <div style={{ width: "100vw", height: "100vh" }}>
      <ReactFlow
        defaultNodes={graph.nodes}
        defaultEdges={graph.edges}
        defaultViewport={{ x: 0, y: 0, zoom: 1 }}
        colorMode="dark"
      >
        <Background />
      </ReactFlow>
    </div>
  );
}

const root = document.getElementById("root");
if (root) createRoot(root).render(<Bare />);
