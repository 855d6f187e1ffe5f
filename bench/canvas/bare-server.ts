import { createServer, type Server } from "node:http";
import path from "node:path";
import { build } from "esbuild";
import type { WireEdge, WireNode } from "../../lib/graph/schemas";

/** Bundles bare-page.tsx and serves it with the graph on an ephemeral port. */
export async function startBarePage(graph: {
  nodes: WireNode[];
  edges: WireEdge[];
}): Promise<{ url: string; close: () => Promise<void> }> {
  const result = await build({
    entryPoints: [path.join(import.meta.dirname, "bare-page.tsx")],
    bundle: true,
    write: false,
    minify: true,
    format: "esm",
    outdir: "out",
    jsx: "automatic",
    define: { "process.env.NODE_ENV": '"production"' },
    logLevel: "error",
  });
  const js = result.outputFiles.find((f) => f.path.endsWith(".js"))?.text ?? "";
  const css = result.outputFiles.find((f) => f.path.endsWith(".css"))?.text ?? "";
  // Same nodes, edges and positions; default node type, default handles.
  const bare = {
    nodes: graph.nodes.map((n) => ({
      id: n.id,
      position: n.position,
      data: { label: "label" in n.data ? n.data.label : "" },
    })),
    edges: graph.edges.map((e) => ({ id: e.id, source: e.source, target: e.target })),
  };
  const html = `<!doctype html><html><head><meta charset="utf-8"><style>${css} body{margin:0;background:#0d0f14}</style></head>
<body><div id="root"></div><script>window.__GRAPH__=${JSON.stringify(bare)}</script><script type="module" src="/bare.js"></script></body></html>`;
  const server: Server = createServer((req, res) => {
    if (req.url === "/bare.js") return void res.writeHead(200, { "content-type": "text/javascript" }).end(js);
    res.writeHead(200, { "content-type": "text/html" }).end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
