import { serve } from "inngest/next";
import { inngest, runWorkflowFunction } from "@/server/runs/inngest-app";

// Inngest calls this route to run the workflow function's steps (see README, Runs).
export const { GET, POST, PUT } = serve({ client: inngest, functions: [runWorkflowFunction] });
