import type { Clock } from '../core/clock.js';

/**
 * The wall clock of a replica in realistic timing, held still while a write or a log entry is
 * handled (so the core reads exactly the time the log holds), and never behind the last entry
 * applied (so time on a replica never goes back past what another replica wrote).
 */
export interface ReplicaClock extends Clock {
  pin(now: number): void;
  unpin(): void;
  /** Never reads less than `now` from here on. */
  raise(now: number): void;
}

export function createReplicaClock(wall: () => number = Date.now): ReplicaClock {
  let pinned: number | null = null;
  let floor = 0;
  return {
    now: () => pinned ?? Math.max(wall(), floor),
    pin(now) {
      pinned = now;
    },
    unpin() {
      pinned = null;
    },
    raise(now) {
      if (now > floor) floor = now;
    },
  };
}
