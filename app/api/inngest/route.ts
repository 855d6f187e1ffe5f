import { serve } from "inngest/next";
import { inngestConfigured } from "@/server/runs/config";
import { inngest, retentionFunction, runWorkflowFunction } from "@/server/runs/inngest-app";
import { createScheduleDispatchFunction } from "@/server/triggers";

// Inngest calls this route to run the workflow function's steps, the daily retention job and,
// every minute, the schedules' due slots (see docs/runs.md and docs/triggers.md).
const handlers = serve({
  client: inngest,
  functions: [runWorkflowFunction, retentionFunction, createScheduleDispatchFunction(inngest)],
});

/** Without Inngest's keys runs use the in-process engine, and this route has nothing to serve. */
const NOT_CONFIGURED = {
  code: "inngest_not_configured",
  message:
    "Inngest is not configured on this server, so runs use the in-process engine. To run them on Inngest, set INNGEST_EVENT_KEY and INNGEST_SIGNING_KEY (or INNGEST_DEV=1 for a local Inngest dev server).",
};

type Handler = (...args: Parameters<typeof handlers.GET>) => Promise<Response>;

function whenConfigured(handler: Handler): Handler {
  return async (...args) =>
    inngestConfigured() ? handler(...args) : Response.json(NOT_CONFIGURED, { status: 503 });
}

export const GET = whenConfigured(handlers.GET);
export const POST = whenConfigured(handlers.POST);
export const PUT = whenConfigured(handlers.PUT);
