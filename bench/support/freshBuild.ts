import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

/** Runs `npm run build` so that the benches measure the code as it is now, not a stale dist/. */
export async function buildDist(root: string): Promise<number> {
  const started = performance.now();
  try {
    await promisify(execFile)('npm', ['run', 'build', '--silent'], { cwd: root, maxBuffer: 16 << 20 });
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(
      `npm run build failed, so dist/ would be stale:\n${(stdout + stderr).trim().split('\n').slice(-20).join('\n')}`,
      { cause: error },
    );
  }
  return (performance.now() - started) / 1000;
}
