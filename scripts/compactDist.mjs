#!/usr/bin/env node
// Part of `npm run build`: reprints every compiled .js file in dist/ without its comments. The
// comments are the TSDoc and notes of the sources; consumers read them in the .d.ts files (kept as
// tsc wrote them) and in the repository, so the shipped JavaScript need not carry them twice. This
// keeps the tarball small (the package's budget is 400 kB) without minifying: the code keeps its
// statements on their own lines, so a stack trace still reads.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';

const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist');

function compiledFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return compiledFiles(full);
    return entry.name.endsWith('.js') ? [full] : [];
  });
}

const files = compiledFiles(dist);
buildSync({
  entryPoints: files,
  outdir: dist,
  outbase: dist,
  allowOverwrite: true,
  bundle: false,
  format: 'esm',
  platform: 'neutral',
  legalComments: 'none',
  logLevel: 'warning',
});
console.log(`compacted ${files.length} compiled files in dist/`);
