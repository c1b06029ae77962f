#!/usr/bin/env node
// Part of `npm run build`: reprints every compiled .js file in dist/ without its comments (and the
// declarations generated from the specs, see below). The comments are the TSDoc and notes of the
// sources; consumers read them in the .d.ts files (kept as tsc wrote them) and in the repository, so the shipped JavaScript need not carry them twice. This
// keeps the tarball small (the package's budget is 400 kB) without minifying: the code keeps its
// statements on their own lines, so a stack trace still reads.
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';
import ts from 'typescript';

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

// The types generated from the specs carry each field's description as a doc comment: two thirds of
// their bytes, repeating prose the shipped YAML already holds (the documents module leaves it out for
// the same reason). Their declarations ship reprinted without comments, each pointing at its spec.
const generatedTypes = path.join(dist, 'openapi', 'generated');
const printer = ts.createPrinter({ removeComments: true });
let reprinted = 0;
for (const name of readdirSync(generatedTypes)) {
  const spec = `openapi/${name.replace(/\.d\.ts$/, '')}.yaml`;
  if (!name.endsWith('.d.ts') || !existsSync(path.join(dist, '..', spec))) continue;
  const file = path.join(generatedTypes, name);
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  writeFileSync(
    file,
    `// Generated from ${spec}; the descriptions of its fields are in that file.\n${printer.printFile(source)}`,
  );
  reprinted++;
}
console.log(`reprinted ${reprinted} generated declaration files without their doc comments`);

// Declarations no public entry point reaches (the CLI's, the checks', the simulators' internals) can
// never be seen by a consumer's compiler: a third of the files. Only those reachable from the
// `types` of package.json's exports ship.
const root = path.join(dist, '..');
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const publicTypes = Object.values(manifest.exports)
  .map((target) => (typeof target === 'object' ? target.types : undefined))
  .filter((types) => typeof types === 'string')
  .map((types) => path.join(root, types));
const reachable = new Set();
const pending = [...publicTypes];
while (pending.length > 0) {
  const file = pending.pop();
  if (reachable.has(file) || !existsSync(file)) continue;
  reachable.add(file);
  const text = readFileSync(file, 'utf8');
  for (const [, specifier] of text.matchAll(/(?:\bfrom|\bimport\s*\(?)\s*['"](\.{1,2}\/[^'"]+)['"]/g))
    pending.push(path.join(path.dirname(file), specifier.replace(/\.js$/, '.d.ts')));
}
const declarations = (function list(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return list(full);
    return entry.name.endsWith('.d.ts') ? [full] : [];
  });
})(dist);
const unreachable = declarations.filter((file) => !reachable.has(file));
for (const file of unreachable) rmSync(file);
console.log(`removed ${unreachable.length} of ${declarations.length} declaration files no public entry point reaches`);
