import type { TargetCheck } from '../support/printedFigures.js';
import { readMemory, resetPeak, watchPeak } from '../support/processMemory.js';

/** What one abuse case reports: its goals (PASS or MISS) and the figures behind them. */
export interface AbuseResult {
  name: string;
  targets: TargetCheck[];
  figures: Record<string, unknown>;
}

/** Runs `work` while watching the server's RSS: its value, seconds, and the peak growth in MiB. */
export async function withPeakRss<T>(
  pid: number,
  work: () => Promise<T>,
): Promise<{ value: T; seconds: number; rssBeforeMb: number; peakGrowthMb: number }> {
  const rssBeforeMb = readMemory(pid).rssMb;
  const watch = watchPeak(pid, { kernelPeakWasReset: resetPeak(pid), everyMs: 5 });
  const started = performance.now();
  const value = await work();
  const seconds = (performance.now() - started) / 1000;
  return { value, seconds, rssBeforeMb, peakGrowthMb: watch.stop() - rssBeforeMb };
}

/** Whether the server still answers its health check (within `timeoutMs`: a busy server answers late, a dead one never). */
export async function stillServing(url: string, timeoutMs = 10_000): Promise<boolean> {
  try {
    const response = await fetch(`${url}/__bulkmock/health`, { signal: AbortSignal.timeout(timeoutMs) });
    await response.text();
    return response.status === 200;
  } catch {
    return false;
  }
}
