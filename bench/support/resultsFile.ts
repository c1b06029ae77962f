import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/** Writes a bench's figures to bench/results/<name>.json (gitignored), with what they were measured on. */
export async function writeResults(root: string, name: string, figures: object): Promise<string> {
  const dir = path.join(root, 'bench', 'results');
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, `${name}.json`);
  const machine = {
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
  };
  await writeFile(file, JSON.stringify({ measuredAt: new Date().toISOString(), machine, ...figures }, null, 2) + '\n');
  return path.relative(process.cwd(), file);
}
