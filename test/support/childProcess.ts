import type { ChildProcess } from 'node:child_process';
import { afterAll, afterEach, beforeEach } from 'vitest';

/** How long a child has to end after SIGTERM before it gets SIGKILL, so a stuck child cannot hang the run. */
const stopGraceMs = 10_000;

/** Ends a child this test started, by its handle, and waits until it is gone with its output read. */
export function stopChild(child: ChildProcess, graceMs = stopGraceMs): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const escalate = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(escalate);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

// Children started inside a test end after that test; children started in a beforeAll end after the
// file. Either way a failing assertion cannot leave a process behind.
const startedInTest = new Set<ChildProcess>();
const startedForFile = new Set<ChildProcess>();
let insideTest = false;

beforeEach(() => {
  insideTest = true;
});
afterEach(async () => {
  insideTest = false;
  await Promise.all([...startedInTest].map((child) => stopChild(child)));
  startedInTest.clear();
});
afterAll(async () => {
  await Promise.all([...startedForFile].map((child) => stopChild(child)));
  startedForFile.clear();
});

/** Stops `child` when the current test (or, outside a test, the current file) ends, unless it ended before. */
export function stopAfterUse<T extends ChildProcess>(child: T): T {
  const started = insideTest ? startedInTest : startedForFile;
  started.add(child);
  child.once('exit', () => started.delete(child));
  return child;
}
