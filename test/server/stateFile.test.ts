import { readdir, readFile, writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { saveStateFile, startStateSaver, type IntervalTimer } from '../../mocks/adapters/http/stateFile.js';
import { createMockCore } from '../../mocks/builtInVendors.js';
import { useTempDir } from '../support/tempDir.js';

const dir = useTempDir('state-file');

/** A core holding `count` StackOne courses, written straight into its records. */
function coreWithCourses(count: number) {
  const core = createMockCore({ timing: { mode: 'manual' } });
  for (let i = 0; i < count; i++)
    core.state.records.put(
      'stackone.courses',
      'acct',
      { id: `c-${i}`, key: `ref-${i}`, fields: { title: `Course ${i}`, i } },
      '2026-01-01T00:00:00.000Z',
    );
  return core;
}

/** A timer the test fires by hand. */
function handTimer() {
  const callbacks: Array<() => void> = [];
  const timer: IntervalTimer = (callback) => {
    callbacks.push(callback);
    return { stop: () => callbacks.splice(0) };
  };
  return { timer, fire: () => callbacks.forEach((callback) => callback()), callbacks };
}

describe('the state file', () => {
  it('is replaced whole: a reader during repeated saves only ever sees a complete document', async () => {
    const file = dir.file('atomic.json');
    const core = coreWithCourses(20_000);
    await saveStateFile(core, file);
    let saving = true;
    const saves = (async () => {
      for (let i = 0; i < 5; i++) await saveStateFile(core, file);
      saving = false;
    })();
    let reads = 0;
    while (saving) {
      const text = await readFile(file, 'utf8');
      expect(() => JSON.parse(text)).not.toThrow();
      reads += 1;
    }
    await saves;
    expect(reads).toBeGreaterThan(0);
    expect(
      (JSON.parse(await readFile(file, 'utf8')) as { records: Array<{ records: unknown[] }> }).records[0]!.records,
    ).toHaveLength(20_000);
    expect((await readdir(dir.path)).filter((name) => name.includes('atomic'))).toEqual(['atomic.json']);
  });

  it('leaves the old file and no temporary file behind when a save fails', async () => {
    const file = dir.file('kept.json');
    await writeFile(file, 'the old content');
    const core = coreWithCourses(1);
    // A folder where the file should be: the rename over it fails.
    await expect(saveStateFile(core, dir.path)).rejects.toThrow(/cannot write the state file/);
    expect(await readFile(file, 'utf8')).toBe('the old content');
    expect((await readdir(dir.path)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('saves on its timer only when something changed since the last save', async () => {
    const file = dir.file('timer.json');
    const core = coreWithCourses(1);
    let changes = 0;
    const { timer, fire, callbacks } = handTimer();
    const saver = startStateSaver(core, { file, intervalMs: 1_000, changes: () => changes, upToDate: true, timer });
    expect(await saver.save()).toBe(false);
    changes += 1;
    expect(await saver.save()).toBe(true);
    expect(await saver.save()).toBe(false);
    changes += 1;
    fire();
    // The timer's save is under way; a save asked for now waits for it and finds nothing new.
    expect(await saver.save()).toBe(false);
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ format: 'bulkmock-state' });
    saver.stop();
    expect(callbacks).toEqual([]);
  });

  it('writes on its first save when the file did not hold the state yet', async () => {
    const file = dir.file('first.json');
    const saver = startStateSaver(coreWithCourses(0), { file, intervalMs: 0, changes: () => 0, upToDate: false });
    expect(await saver.save()).toBe(true);
    expect(await saver.save()).toBe(false);
  });
});
