import { readFileSync, writeFileSync } from 'node:fs';

/** A process's resident memory now and its peak, in MiB, from /proc/<pid>/status (Linux). */
export interface MemoryReading {
  rssMb: number;
  peakMb: number;
}

export function readMemory(pid: number): MemoryReading {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name: string) => {
    const match = new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status);
    if (!match) throw new Error(`/proc/${pid}/status has no ${name}`);
    return Number(match[1]) / 1024;
  };
  return { rssMb: field('VmRSS'), peakMb: field('VmHWM') };
}

/**
 * Resets the kernel's peak (VmHWM) to the current RSS, so the next peak belongs to what follows.
 * Works for our own children on Linux; false when the kernel refuses, and the caller relies on sampling.
 */
export function resetPeak(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

/**
 * Watches a process's memory while something runs: the peak is the highest RSS sampled every
 * `everyMs`, or the kernel's VmHWM when it was reset just before (exact, and higher when a spike
 * fell between samples).
 */
export function watchPeak(pid: number, options: { kernelPeakWasReset: boolean; everyMs?: number }): { stop(): number } {
  let sampled = readMemory(pid).rssMb;
  const timer = setInterval(() => {
    sampled = Math.max(sampled, readMemory(pid).rssMb);
  }, options.everyMs ?? 10);
  return {
    stop() {
      clearInterval(timer);
      const now = readMemory(pid);
      return Math.max(sampled, now.rssMb, options.kernelPeakWasReset ? now.peakMb : 0);
    },
  };
}
