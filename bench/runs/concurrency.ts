import { performance } from "node:perf_hooks";
import { summarize } from "../graph/stats";

export type ConcurrencyLevel = {
  runs: number;
  floorStepsPerSecond: { median: number; p95: number };
  engineStepsPerSecond: { median: number; p95: number };
  /** Engine wall time over the floor's, median of the rounds' ratios and their p95. */
  ratio: { median: number; p95: number };
};

/**
 * Steps per second with `runs` chains of `steps` going at once, the engine beside the floor of
 * checkpointing every step (`floorChain`: the direct calls, each followed by one commit of its
 * row), timed in turn round by round so a busy machine slows both alike. "p95" of a rate is the
 * rate of the 95th-percentile (slow) round.
 */
export async function measureConcurrency(options: {
  levels: number[];
  rounds: number;
  steps: number;
  floorChain: (steps: number) => Promise<void>;
  engineChain: (steps: number) => Promise<void>;
}): Promise<ConcurrencyLevel[]> {
  const { steps, rounds } = options;
  const wall = async (runs: number, chain: (steps: number) => Promise<void>) => {
    const t0 = performance.now();
    await Promise.all(Array.from({ length: runs }, () => chain(steps)));
    return performance.now() - t0;
  };
  const results: ConcurrencyLevel[] = [];
  for (const runs of options.levels) {
    await wall(runs, options.floorChain);
    await wall(runs, options.engineChain);
    const floor: number[] = [];
    const engine: number[] = [];
    const ratios: number[] = [];
    for (let round = 0; round < rounds; round++) {
      const f = await wall(runs, options.floorChain);
      const e = await wall(runs, options.engineChain);
      floor.push(f);
      engine.push(e);
      ratios.push(e / f);
    }
    const rate = (ms: number[]) => {
      const s = summarize(ms);
      return { median: (runs * steps * 1000) / s.median, p95: (runs * steps * 1000) / s.p95 };
    };
    const ratio = summarize(ratios);
    results.push({
      runs,
      floorStepsPerSecond: rate(floor),
      engineStepsPerSecond: rate(engine),
      ratio: { median: ratio.median, p95: ratio.p95 },
    });
  }
  return results;
}
