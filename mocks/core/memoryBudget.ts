/** What the mock keeps, by kind, for `--max-memory` and the health report. */
export type MemoryKind = 'assets' | 'records' | 'courses' | 'batches' | 'jobs';
/**
 * The documented, cheap estimate of what one kept thing costs (docs/limits.md): the length of its
 * text (UTF-16 code units of strings, bytes of uploaded files) plus a fixed overhead per entry for
 * the objects that hold it. Measured on Node 20, a 100,000-record Learning Builder batch of 35 MB
 * grew the process by about 54 MB: text plus about 200 bytes a record.
 */
export const entryOverheadBytes = {
  /** A stored record, course or batch record: its object, map entry and timestamps. */
  record: 200,
  /** One field of a stored record. */
  field: 48,
  /** A job as the store keeps it (plan, view, details). */
  job: 1_024,
  /** An asset's entry besides its bytes. */
  asset: 256,
} as const;

/** The estimated size of a flat record of fields (an import row): text lengths plus overheads. */
export function estimateFieldsBytes(fields: Readonly<Record<string, unknown>>): number {
  let bytes = entryOverheadBytes.record;
  for (const key in fields) {
    const value = fields[key];
    bytes += entryOverheadBytes.field + key.length + (typeof value === 'string' ? value.length : 8);
  }
  return bytes;
}

export interface MemoryUsage {
  usedBytes: number;
  limitBytes: number;
  byKind: Record<MemoryKind, number>;
  /** Finished jobs dropped (with their payloads) to make room for new writes. */
  evictedJobs: number;
}

/**
 * Counts the bytes the mock keeps against `--max-memory`. Stores charge what they keep and credit
 * what they let go; a write asks `fits` before it is accepted. Nothing here measures the heap: the
 * figures are the estimate above, so they are the same on every machine and cost nothing to keep.
 */
export class MemoryBudget {
  private readonly used: Record<MemoryKind, number> = { assets: 0, records: 0, courses: 0, batches: 0, jobs: 0 };
  private total = 0;
  evictedJobs = 0;

  constructor(readonly limitBytes: number) {}

  get usedBytes(): number {
    return this.total;
  }

  charge(kind: MemoryKind, bytes: number): void {
    this.used[kind] += bytes;
    this.total += bytes;
  }

  credit(kind: MemoryKind, bytes: number): void {
    const amount = Math.min(bytes, this.used[kind]);
    this.used[kind] -= amount;
    this.total -= amount;
  }

  /** Whether `bytes` more can be kept without passing the limit. */
  fits(bytes: number): boolean {
    return this.total + bytes <= this.limitBytes;
  }

  usage(): MemoryUsage {
    return {
      usedBytes: this.total,
      limitBytes: this.limitBytes,
      byKind: { ...this.used },
      evictedJobs: this.evictedJobs,
    };
  }
}

/** A size for people: 1536 -> "1.5 KiB". */
export function formatBytes(bytes: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${value} bytes` : `${value.toFixed(1)} ${units[unit]}`;
}
