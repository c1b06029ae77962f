import type { Parameters } from 'fast-check';

/**
 * Property runs are bounded and repeatable: a fixed seed and a fixed number of cases per property,
 * so CI sees the same inputs every time. `BULKMOCK_FUZZ_RUNS=5000` runs more cases of every
 * property; `BULKMOCK_FUZZ_SEED` explores other inputs (a failure prints the seed and path that
 * replay it).
 */
export function fuzzParameters<T>(defaultRuns: number): Parameters<T> {
  const runs = Number(process.env.BULKMOCK_FUZZ_RUNS);
  const seed = Number(process.env.BULKMOCK_FUZZ_SEED);
  return {
    numRuns: Number.isInteger(runs) && runs > 0 ? runs : defaultRuns,
    seed: Number.isInteger(seed) ? seed : 20260309,
    // A failing case is shrunk to a small one; BULKMOCK_FUZZ_SHRINK=0 reports the first failure as found.
    endOnFailure: process.env.BULKMOCK_FUZZ_SHRINK === '0',
  };
}

/** Vitest's per-test time limit for a property test, scaled with the number of runs. */
export function fuzzTimeoutMs(defaultRuns: number, msPerRun = 100): number {
  const runs = Number(process.env.BULKMOCK_FUZZ_RUNS);
  return Math.max(30_000, (Number.isInteger(runs) && runs > 0 ? runs : defaultRuns) * msPerRun);
}
