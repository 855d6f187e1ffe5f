export { type LoadedGraph, loadGraph, replaceGraph, type SaveResult, saveGraphDiff } from "./graph";
export { exportGraph } from "./graph-file";
export { graphRouter } from "./router";
