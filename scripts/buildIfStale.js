#!/usr/bin/env node
// `npm start` runs this before serving: it compiles only when a source is newer than the last build.
// An up-to-date `tsc --incremental` still takes seconds to load the compiler and check every file;
// comparing modification times takes milliseconds. Plain JavaScript, so it needs no compile itself.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync, utimesSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const buildConfig = path.join(root, 'tsconfig.build.json');

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

/** tsc's incremental build-info file: its modification time marks the last build. */
const infoFile = (config) => path.resolve(root, config.compilerOptions?.tsBuildInfoFile ?? 'dist/.tsbuildinfo');

function lastBuild(config) {
  try {
    return statSync(infoFile(config)).mtimeMs;
  } catch {
    return 0;
  }
}

// tsconfig files may hold comments; ours do not, and a parse failure simply means "build".
let config = {};
try {
  config = JSON.parse(readFileSync(buildConfig, 'utf8'));
} catch {
  config = {};
}
const inputs = [...(config.include ?? []), 'tsconfig.json', 'tsconfig.build.json', 'package.json'];
const newestInput = Math.max(...inputs.map((name) => newestChange(path.join(root, name))));
const built = lastBuild(config);

if (built > 0 && newestInput <= built) process.exit(0);
const result = spawnSync(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', buildConfig], {
  cwd: root,
  stdio: 'inherit',
});
// tsc leaves the build-info file alone when no output changed (a file saved without edits): mark the
// check as done, or every later start would compile again.
if (result.status === 0) {
  const now = new Date();
  try {
    utimesSync(infoFile(config), now, now);
  } catch {
    // No build-info file (a non-incremental config): the next start compiles again, which is correct.
  }
}
process.exit(result.status ?? 1);
