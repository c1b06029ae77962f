/**
 * Time is injected. The mock never reads Date.now() directly: jobs, timestamps and the request log
 * all ask the clock, so a test can freeze or move time and never sleep on the wall clock.
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}

/** A clock that only moves when told: the clock of `manual` and `instant` timing, and of tests. */
export interface ManualClock extends Clock {
  advance(ms: number): number;
  set(epochMs: number): void;
}

/** Where virtual time starts, so that timestamps are the same in every run. */
export const virtualEpoch = Date.parse('2026-01-05T09:00:00.000Z');

export function createManualClock(startMs: number = virtualEpoch): ManualClock {
  let current = startMs;
  return {
    now: () => current,
    advance(ms) {
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`a clock only moves forward; got ${ms} ms`);
      current += ms;
      return current;
    },
    set(epochMs) {
      current = epochMs;
    },
  };
}

export const systemClock: Clock = { now: () => Date.now() };

export function isManualClock(clock: Clock): clock is ManualClock {
  return typeof (clock as ManualClock).advance === 'function';
}

let lastIsoMs = Number.NaN;
let lastIso = '';

/**
 * `new Date(ms).toISOString()`, remembering the last one: a client polling a job reads the same
 * instants again and again (and under manual or instant timing every request has the same `now`),
 * and formatting cost about a microsecond each time.
 */
export function isoTime(ms: number): string {
  if (ms !== lastIsoMs) {
    lastIso = new Date(ms).toISOString();
    lastIsoMs = ms;
  }
  return lastIso;
}
