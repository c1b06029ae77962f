#!/usr/bin/env node
// Part of `npm run build`, after tsc. Two jobs:
//
// 1. The JavaScript tsc wrote (one file per source module) is replaced by a bundle of the package's
//    entry points: every `default` of package.json's exports and the CLI's dist/cli/main.js, each at
//    the path tsc gave it, with the code they share in dist/chunks/ (esbuild with code splitting; the
//    packages in node_modules stay imports). Node resolves and instantiates about 120 ES modules on
//    every `bulkmock serve` otherwise, which was a fifth of its cold start (issue 18). Comments go,
//    as before (consumers read the TSDoc in the .d.ts files tsc wrote, kept as they are): the
//    tarball's budget is 400 kB. Not minified: statements keep their own lines and functions their
//    names, so a stack trace still reads.
// 2. Declarations are trimmed (below).
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';
import ts from 'typescript';

const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const root = path.join(dist, '..');
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));

function compiledFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return compiledFiles(full);
    return entry.name.endsWith('.js') ? [full] : [];
  });
}

const entryPoints = [
  ...new Set(
    Object.values(manifest.exports)
      .map((target) => (typeof target === 'object' ? target.default : undefined))
      .filter((file) => typeof file === 'string' && file.startsWith('./dist/') && file.endsWith('.js'))
      .map((file) => path.join(root, file)),
  ),
  path.join(dist, 'cli', 'main.js'),
];
const staging = mkdtempSync(path.join(tmpdir(), 'bulkmock-dist-'));
try {
  buildSync({
    entryPoints,
    outdir: staging,
    outbase: dist,
    bundle: true,
    splitting: true,
    packages: 'external',
    external: ['node:*'],
    chunkNames: 'chunks/[name]-[hash]',
    format: 'esm',
    platform: 'neutral',
    legalComments: 'none',
    logLevel: 'warning',
  });
  const compiled = compiledFiles(dist);
  for (const file of compiled) rmSync(file);
  const bundled = compiledFiles(staging);
  for (const file of bundled) {
    const target = path.join(dist, path.relative(staging, file));
    mkdirSync(path.dirname(target), { recursive: true });
    copyFileSync(file, target);
  }
  console.log(`bundled ${compiled.length} compiled files into ${bundled.length} (${entryPoints.length} entry points)`);
} finally {
  rmSync(staging, { recursive: true, force: true });
}

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
