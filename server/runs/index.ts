export { inngestConfigured, isServerless, runsAvailability } from "./config";
export { deleteOldRuns } from "./retention";
export { runsRouter } from "./router";
export type { RunTrigger, StartedRun } from "./run-engine";
export {
  getRun,
  listRuns,
  type RunsDeps,
  runProblems,
  runProblemsWithNodes,
  startRun,
  startTriggeredRun,
} from "./runs";
