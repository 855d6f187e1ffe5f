import type { EngineName } from "@/lib/runs/status";
import { appOrigin } from "@/server/mcp";
import { processSingleton } from "@/server/platform/process-singleton";
import { InProcessEngine } from "./in-process";
import { registryLookup } from "./registry-lookup";
import { RunStore } from "./store";
import { createSdkToolCaller, type ToolCaller } from "./tool-caller";

type Runtime = {
  store: RunStore;
  tools: ToolCaller;
  inProcess: InProcessEngine;
  resumed?: Promise<string[]>;
};

/** The app's run store, tool caller and in-process engine: one per process. */
export function runtime(): Runtime {
  return processSingleton("runs-runtime", () => {
    const store = new RunStore();
    const tools = createSdkToolCaller(registryLookup(), { appOrigin: appOrigin() });
    return {
      store,
      tools,
      inProcess: new InProcessEngine({ store, tools, log: (line) => console.error(`[runs] ${line}`) }),
    };
  });
}

/** Resumes the in-process engine's unfinished runs, once per process however often it is called. */
export function resumeInProcessRunsOnce(): Promise<string[]> {
  const rt = runtime();
  rt.resumed ??= rt.inProcess.resumeUnfinished().catch((error: unknown) => {
    console.error(`[runs] could not resume unfinished runs: ${(error as Error).message}`);
    return [];
  });
  return rt.resumed;
}

export function engineLabel(engine: EngineName): string {
  return engine === "inngest" ? "Inngest" : "this server";
}
