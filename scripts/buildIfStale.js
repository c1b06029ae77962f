#!/usr/bin/env node
// `npm start` runs this before serving: it builds only when a source changed since the last build.
// A full `tsc` takes seconds to load the compiler and check every file; comparing modification times
// takes milliseconds. Plain JavaScript, so it needs no compile itself.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// Outside dist/, which is shipped and which `npm run build` empties first.
const stampFile = path.join(root, 'node_modules', '.cache', 'bulkmock', 'build-stamp');

/** The newest modification time under `target` among TypeScript sources, JSON and folders (a deletion touches its folder). */
function newestChange(target) {
  let stats;
  try {
    stats = statSync(target);
  } catch {
    return 0;
  }
  if (!stats.isDirectory()) return /\.(ts|json)$/.test(target) ? stats.mtimeMs : 0;
  let newest = stats.mtimeMs;
  for (const entry of readdirSync(target, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    newest = Math.max(newest, newestChange(path.join(target, entry.name)));
  }
  return newest;
}

function mtimeOf(file) {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

/** The folders the build compiles, read from tsconfig.build.json (no comments in ours). */
function buildInputs() {
  try {
    return JSON.parse(readFileSync(path.join(root, 'tsconfig.build.json'), 'utf8')).include ?? [];
  } catch {
    return [];
  }
}

const inputs = [...buildInputs(), 'tsconfig.json', 'tsconfig.build.json', 'package.json'];
const newestInput = Math.max(...inputs.map((name) => newestChange(path.join(root, name))));
const built = Math.min(mtimeOf(stampFile), mtimeOf(path.join(root, 'dist', 'cli', 'main.js')));

if (built > 0 && newestInput <= built) process.exit(0);
const startedAt = new Date();
const result = spawnSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
if (result.status === 0) {
  // Stamped with the time the build started: a source saved during the build makes the next start build again.
  mkdirSync(path.dirname(stampFile), { recursive: true });
  writeFileSync(stampFile, `${startedAt.toISOString()}\n`);
  utimesSync(stampFile, startedAt, startedAt);
}
process.exit(result.status ?? 1);
