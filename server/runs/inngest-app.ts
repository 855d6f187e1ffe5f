import { getServerEnv } from "@/server/platform/env/env";
import { runtime } from "./engine";
import { createInngestClient, createRunFunction } from "./inngest";
import { createRetentionFunction } from "./retention-function";

/** The app's Inngest client and its functions, served at /api/inngest. */
export const inngest = createInngestClient();
export const runWorkflowFunction = createRunFunction(inngest, () => runtime());
export const retentionFunction = createRetentionFunction(
  inngest,
  () => getServerEnv().TRYLIATE_RUN_RETENTION_DAYS,
);
