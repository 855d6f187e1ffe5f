import type { EngineName } from "@/lib/runs/status";
import { RUN_LIMITS } from "@/lib/runs/status";
import { appOrigin } from "@/server/mcp";
import { AppError } from "@/server/platform/errors/app-error";
import { processSingleton } from "@/server/platform/process-singleton";
import { runsAvailability } from "./config";
import { InProcessEngine } from "./in-process";
import { InProcessRunEngine } from "./in-process-run-engine";
import { InngestRunEngine } from "./inngest-run-engine";
import { registryLookup } from "./registry-lookup";
import type { RunEngine } from "./run-engine";
import { RunStore } from "./store";
import { createSdkToolCaller, type ToolCaller } from "./tool-caller";

type Runtime = {
  store: RunStore;
  tools: ToolCaller;
  inProcess: InProcessEngine;
  engines: Record<EngineName, RunEngine>;
  resumed?: Promise<string[]>;
};
/** The app's run store, tool caller and engines: one per process. */
export function runtime(): Runtime {
  return processSingleton("runs-runtime", () => {
    const store = new RunStore();
    const tools = createSdkToolCaller(registryLookup(), { appOrigin: appOrigin() });
    const inProcess = new InProcessEngine({ store, tools, log: (line) => console.error(`[runs] ${line}`) });
    return {
      store,
      tools,
      inProcess,
      engines: {
        "in-process": new InProcessRunEngine({
          store,
          executor: inProcess,
          maxActivePerUser: RUN_LIMITS.maxActiveRunsPerUser,
        }),
        inngest: new InngestRunEngine({ store, events: async () => (await import("./inngest-app")).inngest }),
      },
    };
  });
}

/**
 * The one place that chooses an engine. Without a name: the engine new runs go to here (refuses
 * with what to configure where none can run, e.g. serverless without Inngest). With a name: the
 * engine a stored run went to, to cancel it there.
 */
export function runEngine(name?: EngineName, availability = runsAvailability()): RunEngine {
  if (name) return runtime().engines[name];
  if (!availability.ready) throw new AppError("runs.unavailable", availability.message);
  return runtime().engines[availability.engine];
}

/**
 * Resumes the in-process engine's unfinished runs whose lease expired, and sweeps for more every
 * few seconds from then on; once per process however often it is called.
 */
export function resumeInProcessRunsOnce(): Promise<string[]> {
  const rt = runtime();
  rt.inProcess.startSweeping();
  rt.resumed ??= runEngine("in-process")
    .resume()
    .catch((error: unknown) => {
      console.error(`[runs] could not resume unfinished runs: ${(error as Error).message}`);
      return [];
    });
  return rt.resumed;
}

export function engineLabel(engine: EngineName): string {
  return engine === "inngest" ? "Inngest" : "this server";
}
