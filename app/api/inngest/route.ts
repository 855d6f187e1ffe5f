import { serve } from "inngest/next";
import { inngest, retentionFunction, runWorkflowFunction } from "@/server/runs/inngest-app";

// Inngest calls this route to run the workflow function's steps and the daily retention job (see README, Runs).
export const { GET, POST, PUT } = serve({
  client: inngest,
  functions: [runWorkflowFunction, retentionFunction],
});
