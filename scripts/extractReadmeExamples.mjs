// Writes the README's TypeScript examples into a consumer project, unchanged, so that the consumer
// test runs and type-checks what a user would copy: the blocks of "Testing with vitest" become test
// files, those of "Typed clients" become modules that are type-checked only (they need a live server).
// Usage: node scripts/extractReadmeExamples.mjs README.md <project dir>
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const [readmeFile, projectDir] = process.argv.slice(2);
if (!readmeFile || !projectDir) {
  console.error('usage: node scripts/extractReadmeExamples.mjs README.md <project dir>');
  process.exit(2);
}
const readme = readFileSync(readmeFile, 'utf8');

/** The ```ts blocks of the section under `## title`, up to the next `## `. */
function blocksOf(title) {
  const start = readme.indexOf(`\n## ${title}\n`);
  if (start < 0) throw new Error(`the README has no section "## ${title}"`);
  const end = readme.indexOf('\n## ', start + 1);
  const section = readme.slice(start, end < 0 ? undefined : end);
  return [...section.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]);
}

const written = [];
const write = (name, text) => {
  writeFileSync(path.join(projectDir, name), text);
  written.push(name);
};
blocksOf('Testing with vitest').forEach((code, i) => write(`readme-testing-${i + 1}.test.ts`, code));
blocksOf('Typed clients').forEach((code, i) => write(`readme-typed-client-${i + 1}.ts`, `${code}\nexport {};\n`));
if (written.length < 4) throw new Error(`expected at least 4 README examples, found ${written.length}`);
console.log(`README examples: ${written.join(', ')}`);
