import { availableParallelism, loadavg } from "node:os";

/** The machine's 1-minute load average against its cores: figures taken above ~1 per core are noisy. */
export function machineLoad(): string {
  return `load ${loadavg()[0]?.toFixed(1)} on ${availableParallelism()} cores`;
}
