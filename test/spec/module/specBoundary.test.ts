import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const specDir = fileURLToPath(new URL('../../../mocks/spec/', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sourceFiles(path.join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [path.join(dir, entry.name)]
        : [],
  );
}

function importsOf(file: string): string[] {
  return [...readFileSync(file, 'utf8').matchAll(/^(?:import|export)[^;]*?from '([^']+)'/gms)].map((m) => m[1]!);
}

describe('the spec module', () => {
  it('imports nothing from core, vendors, jobs, adapters or node: (it runs in browsers)', () => {
    const files = sourceFiles(specDir);
    expect(files.length).toBeGreaterThan(10);
    const offending = files.flatMap((file) =>
      importsOf(file)
        .filter((source) => source.startsWith('node:') || /(^|\/)\.\.\/(core|vendors|jobs|adapters)\//.test(source))
        .map((source) => `${path.relative(specDir, file)} imports ${source}`),
    );
    expect(offending).toEqual([]);
  });
});
