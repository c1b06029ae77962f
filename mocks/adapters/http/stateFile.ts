import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { access, open, readFile, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { MockCore } from '../../core/mockCore.js';
import { exportState, importState, StateDocumentError } from '../../state/stateDocument.js';
import { jsonPieces } from './jsonChunks.js';

/** A state file the mock cannot load or write: the message says which file and what is wrong. */
class StateFileError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'StateFileError';
  }
}

/**
 * Loads a `bulkmock-state` document from `file` into the core, replacing what it holds. Answers
 * false when there is no such file yet (it is written on the first save). A file that is not JSON,
 * or not a state document this bulkmock reads, is refused whole with a StateFileError and the core
 * is left as it was. The file's folder must be writable, so that a save cannot fail only at shutdown.
 */
export async function loadStateFile(core: MockCore, file: string): Promise<boolean> {
  const folder = path.dirname(path.resolve(file));
  await access(folder, constants.W_OK).catch((error: NodeJS.ErrnoException) => {
    throw new StateFileError(`cannot write the state file's folder ${folder} (${error.code ?? error.message})`, {
      cause: error,
    });
  });
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw new StateFileError(`cannot read the state file ${file} (${(error as NodeJS.ErrnoException).code})`, {
      cause: error,
    });
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new StateFileError(`the state file ${file} is not JSON: ${(error as Error).message}`, { cause: error });
  }
  try {
    importState(core.state, document);
  } catch (error) {
    if (error instanceof StateDocumentError) throw new StateFileError(`the state file ${file} is ${error.message}`);
    throw error;
  }
  return true;
}

/**
 * Writes what the core holds to `file` atomically: into a temporary file in the same folder, flushed
 * to disk, then renamed over `file`, so a reader (or a crash) sees the old file or the new one, never
 * part of one. The JSON is written in pieces, so the event loop keeps answering during a large save;
 * gathering the document (exportState) is one synchronous step.
 */
export async function saveStateFile(core: MockCore, file: string): Promise<void> {
  const document = exportState(core.state);
  const temporary = path.join(
    path.dirname(path.resolve(file)),
    `.${path.basename(file)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`,
  );
  const handle = await open(temporary, 'w');
  try {
    for (const piece of jsonPieces(document)) await handle.write(piece);
    await handle.sync();
    await handle.close();
    await rename(temporary, file);
  } catch (error) {
    await handle.close().catch(() => undefined);
    await unlink(temporary).catch(() => undefined);
    throw new StateFileError(`cannot write the state file ${file}: ${(error as Error).message}`, { cause: error });
  }
}

/** A timer that calls back every `ms` until stopped (setInterval by default; a test may drive it by hand). */
export type IntervalTimer = (callback: () => void, ms: number) => { stop(): void };

const realTimer: IntervalTimer = (callback, ms) => {
  const handle = setInterval(callback, ms);
  // A pending save never keeps the process alive: shutdown makes the last one.
  handle.unref();
  return { stop: () => clearInterval(handle) };
};

export interface StateSaverOptions {
  file: string;
  /** Saves every this many ms when something changed; 0 saves only when asked (on close). */
  intervalMs: number;
  /** A count that grows whenever the state may have changed (a request that is not a read). */
  changes: () => number;
  /** Whether the file already holds the current state (it was just loaded); otherwise the first save always writes. */
  upToDate: boolean;
  onError?: (error: Error) => void;
  timer?: IntervalTimer;
}

/** Saves the core's state to its file now and then, when it changed since the last save, one save at a time. */
export interface StateSaver {
  /** Saves if anything changed since the last save (or always, with `force`); resolves when written. */
  save(force?: boolean): Promise<boolean>;
  stop(): void;
}

export function startStateSaver(core: MockCore, options: StateSaverOptions): StateSaver {
  let savedAt = options.upToDate ? options.changes() : -1;
  let running: Promise<boolean> | null = null;
  const save = async (force = false): Promise<boolean> => {
    // A save asked for while one runs waits for it, then looks again.
    while (running) await running.catch(() => undefined);
    const changes = options.changes();
    if (!force && changes === savedAt) return false;
    running = saveStateFile(core, options.file).then(() => {
      savedAt = changes;
      return true;
    });
    try {
      return await running;
    } finally {
      running = null;
    }
  };
  const ticker =
    options.intervalMs > 0
      ? (options.timer ?? realTimer)(() => {
          save().catch((error: Error) => options.onError?.(error));
        }, options.intervalMs)
      : null;
  return { save, stop: () => ticker?.stop() };
}
