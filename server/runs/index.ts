export { runsAvailability } from "./config";
export { runsRouter } from "./router";
export type { RunTrigger, StartedRun } from "./run-engine";
export { getRun, listRuns, type RunsDeps, runProblems, startRun, startTriggeredRun } from "./runs";
