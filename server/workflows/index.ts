export { workflowsRouter } from "./router";
export { versionsRouter } from "./versions-router";
