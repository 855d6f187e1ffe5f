export type Summary = { median: number; p95: number; runs: number };

export function summarize(samples: number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
  return { median: at(0.5), p95: at(0.95), runs: sorted.length };
}

export async function timeRuns(
  runs: number,
  warmup: number,
  fn: (round: number) => Promise<void>,
): Promise<number[]> {
  const samples: number[] = [];
  for (let round = 0; round < warmup + runs; round++) {
    const start = performance.now();
    await fn(round);
    const elapsed = performance.now() - start;
    if (round >= warmup) samples.push(elapsed);
  }
  return samples;
}

/**
 * Times several contenders round by round, in turn, so a busy machine slows each of them alike
 * and their ratio stays fair. Returns one list of samples per contender.
 */
export async function timeInterleaved(
  runs: number,
  warmup: number,
  contenders: ((round: number) => Promise<void>)[],
): Promise<number[][]> {
  const samples = contenders.map(() => [] as number[]);
  for (let round = 0; round < warmup + runs; round++) {
    for (const [i, fn] of contenders.entries()) {
      const start = performance.now();
      await fn(round);
      const elapsed = performance.now() - start;
      if (round >= warmup) samples[i]?.push(elapsed);
    }
  }
  return samples;
}
