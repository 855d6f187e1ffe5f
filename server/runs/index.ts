export { runsAvailability } from "./config";
export { runsRouter } from "./router";
export { getRun, listRuns, type RunsDeps, runProblems, startRun } from "./runs";
