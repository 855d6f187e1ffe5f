import { runtime } from "./engine";
import { createInngestClient, createRunFunction } from "./inngest";

/** The app's Inngest client and its one function, served at /api/inngest. */
export const inngest = createInngestClient();
export const runWorkflowFunction = createRunFunction(inngest, () => runtime());
