export { runsAvailability } from "./config";
export { runsRouter } from "./router";
export { getRun, listRuns, type RunsDeps, startRun } from "./runs";
