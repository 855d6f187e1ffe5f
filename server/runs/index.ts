export { inngestConfigured, isServerless, runsAvailability } from "./config";
export { deleteOldRuns } from "./retention";
export { runsRouter } from "./router";
export { getRun, listRuns, type RunsDeps, runProblems, startRun } from "./runs";
