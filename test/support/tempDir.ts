import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';

/** A fresh folder under the system's temp folder, made before the file's tests and removed after them. */
export interface TempDir {
  /** The folder's path (read it inside tests and hooks, once it exists). */
  readonly path: string;
  /** A path inside the folder. */
  file(...parts: string[]): string;
}

export function useTempDir(prefix: string): TempDir {
  let made: string | undefined;
  beforeAll(async () => {
    made = await mkdtemp(path.join(tmpdir(), `bulkmock-${prefix}-`));
  });
  afterAll(async () => {
    if (made !== undefined) await rm(made, { recursive: true, force: true });
  });
  const dir = {
    get path() {
      if (made === undefined)
        throw new Error(`the ${prefix} temp folder is made in beforeAll; read it inside a test or hook`);
      return made;
    },
    file: (...parts: string[]) => path.join(dir.path, ...parts),
  };
  return dir;
}
