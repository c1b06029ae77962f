import { defaultJobTiming, type JobTiming } from '../jobs/jobLifecycle.js';
import { listOperations, vendors, type SpecName } from '../spec/specRegistry.js';
import { faultStatuses } from './faults.js';
import type { KeyRing } from './keyRing.js';

/** Everything that shapes one mock instance. Every field has a default (see `defaultSettings`). */
export interface MockSettings {
  /** Fixes every id the mock makes and every injected fault. */
  seed: number;
  /** Names of the vendors served (the core sets them from the vendor definitions it is given). */
  vendors: string[];
  timing: JobTiming;
  /** Added to every answer. */
  latencyMs: number;
  /** Share of vendor requests (0 to 1) answered with an injected fault status the operation documents. */
  errorRate: number;
  /**
   * Narrows the statuses `errorRate` draws from; each operation draws from the ones it documents
   * as faults, and one that documents none of them gets no injected errors. null: every fault status.
   */
  errorStatuses: number[] | null;
  maxBodyBytes: number;
  /** Rows of one Thought Industries asset or records of one Learning Builder batch. */
  maxRowsPerImport: number;
  /** Jobs kept; past it the oldest terminal jobs are dropped. */
  maxJobs: number;
  /**
   * Bytes the mock keeps (assets, batches, records, courses, jobs), by the estimate in
   * memoryBudget.ts. Past it finished jobs are dropped first, then new writes are refused.
   */
  maxMemoryBytes: number;
  /** Requests kept for `GET /__bulkmock/requests`. */
  requestLogSize: number;
  /** Longest accepted JSON Lines line, in characters. */
  maxLineLength: number;
  /** Strict auth: only these keys pass. null accepts any well-formed credential. */
  keys: KeyRing | null;
  /** When set, every `/__bulkmock/` call must send it in `X-Bulkmock-Token`. */
  controlToken: string | null;
  /**
   * The Learning Builder import processes that exist; a batch for any other id is a 404. null accepts
   * every well-formed id, because a frontend developer rarely knows the instance's ids.
   */
  importProcessIds: string[] | null;
}

export const defaultSettings: Readonly<MockSettings> = {
  seed: 1,
  vendors: [...vendors],
  timing: defaultJobTiming,
  latencyMs: 0,
  errorRate: 0,
  errorStatuses: null,
  maxBodyBytes: 50 * 1024 * 1024,
  maxRowsPerImport: 100_000,
  maxJobs: 10_000,
  maxMemoryBytes: 1024 * 1024 * 1024,
  requestLogSize: 1_000,
  maxLineLength: 1024 * 1024,
  keys: null,
  controlToken: null,
  importProcessIds: null,
};

export type MockOptions = Partial<Omit<MockSettings, 'timing'>> & { timing?: Partial<JobTiming> };

export function resolveSettings(options: MockOptions = {}): MockSettings {
  const settings: MockSettings = {
    ...defaultSettings,
    ...stripUndefined(options),
    timing: { ...defaultSettings.timing, ...stripUndefined(options.timing ?? {}) },
  };
  if (!Number.isInteger(settings.seed)) throw new RangeError(`seed must be an integer, got ${settings.seed}`);
  if (!(settings.errorRate >= 0 && settings.errorRate <= 1))
    throw new RangeError(`errorRate must be between 0 and 1, got ${settings.errorRate}`);
  if (!(settings.latencyMs >= 0)) throw new RangeError(`latencyMs must be 0 or more, got ${settings.latencyMs}`);
  for (const limit of [
    'maxBodyBytes',
    'maxRowsPerImport',
    'maxJobs',
    'requestLogSize',
    'maxLineLength',
    'maxMemoryBytes',
  ] as const) {
    if (!(Number.isInteger(settings[limit]) && settings[limit] >= 1))
      throw new RangeError(`${limit} must be a whole number of 1 or more, got ${settings[limit]}`);
  }
  if (settings.importProcessIds !== null && settings.importProcessIds.length === 0)
    throw new RangeError('importProcessIds must name at least one import process, or be null to accept any');
  if (settings.vendors.length === 0) throw new RangeError('at least one vendor must be enabled');
  if (settings.errorStatuses !== null) checkErrorStatuses(settings.errorStatuses, settings.vendors);
  return settings;
}

/** Each listed status must be one that some enabled operation documents as a fault; otherwise it could never be injected. */
function checkErrorStatuses(statuses: number[], enabled: string[]): void {
  if (statuses.length === 0)
    throw new RangeError('errorStatuses must list at least one status, or be null for every documented fault status');
  const documented = new Set(
    listOperations(enabled as SpecName[])
      .filter((entry) => !entry.extension)
      .flatMap(faultStatuses),
  );
  for (const status of statuses) {
    if (!Number.isInteger(status) || status < 400 || status > 599)
      throw new RangeError(`errorStatuses: ${status} is not an HTTP error status (400 to 599)`);
    if (!documented.has(status)) {
      throw new RangeError(
        `errorStatuses: no enabled operation documents ${status} as a fault status (documented: ${[...documented].sort((a, b) => a - b).join(', ')})`,
      );
    }
  }
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
