import type { EngineName } from "@/lib/runs/status";

type Source = Record<string, string | undefined>;

export type RunsAvailability =
  | { ready: true; engine: EngineName; serverless: boolean }
  | { ready: false; engine: null; serverless: true; message: string };

export const SERVERLESS_WITHOUT_INNGEST =
  "Runs on a serverless deployment need Inngest: set INNGEST_EVENT_KEY and INNGEST_SIGNING_KEY (from your Inngest app) and deploy again.";

export function inngestConfigured(env: Source = process.env): boolean {
  return Boolean((env.INNGEST_EVENT_KEY && env.INNGEST_SIGNING_KEY) || isTruthy(env.INNGEST_DEV));
}

/** Vercel (and other function hosts) stop a function after its response; an in-process run would be killed. */
export function isServerless(env: Source = process.env): boolean {
  return Boolean(env.VERCEL || env.AWS_LAMBDA_FUNCTION_NAME || env.NETLIFY);
}

/**
 * Which engine runs workflows here, or why none can: Inngest when configured; else the in-process
 * engine, which needs a long-running server. For the Run button and the health check.
 */
export function runsAvailability(env: Source = process.env): RunsAvailability {
  const serverless = isServerless(env);
  if (inngestConfigured(env)) return { ready: true, engine: "inngest", serverless };
  if (serverless)
    return { ready: false, engine: null, serverless: true, message: SERVERLESS_WITHOUT_INNGEST };
  return { ready: true, engine: "in-process", serverless: false };
}

function isTruthy(value: string | undefined): boolean {
  return value !== undefined && value !== "" && value !== "0" && value.toLowerCase() !== "false";
}
