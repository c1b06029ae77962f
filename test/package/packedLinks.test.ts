import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');

/** The files `npm pack` would put in the tarball (scripts skipped: nothing is built for the list). */
async function packedFiles(): Promise<string[]> {
  const { stdout } = await promisify(execFile)('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
    cwd: root,
    maxBuffer: 16 * 1024 * 1024,
  });
  const [report] = JSON.parse(stdout) as Array<{ files: Array<{ path: string }> }>;
  return report!.files.map((f) => f.path);
}

/** Relative link targets of a markdown file: `[text](target)`, without web links or in-page anchors. */
export function relativeLinks(markdown: string): string[] {
  const targets = [...markdown.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)].map((m) => m[1]!);
  return targets.filter((t) => !/^[a-z][a-z0-9+.-]*:/i.test(t) && !t.startsWith('#'));
}

describe('the npm package', () => {
  let files: string[];
  beforeAll(async () => {
    files = await packedFiles();
  }, 120_000);

  it('ships every file a relative link in its README or docs points at', async () => {
    const documents = files.filter((f) => f === 'README.md' || (f.startsWith('docs/') && f.endsWith('.md')));
    expect(documents).toContain('README.md');
    expect(documents).toContain('docs/contracts.md');
    const broken: string[] = [];
    for (const document of documents) {
      for (const link of relativeLinks(await readFile(path.join(root, document), 'utf8'))) {
        const target = path.posix
          .normalize(path.posix.join(path.posix.dirname(document), link.split('#')[0]!))
          .replace(/\/$/, '');
        const resolves = files.includes(target) || files.some((f) => f.startsWith(`${target}/`));
        if (!resolves) broken.push(`${document}: ${link}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('carries a license, and no build leftovers: no .tsbuildinfo, no source maps without their sources', () => {
    expect(files).toContain('LICENSE');
    expect(files.filter((f) => f.endsWith('.tsbuildinfo'))).toEqual([]);
    expect(files.filter((f) => f.endsWith('.map'))).toEqual([]);
  });
});

describe('the link finder', () => {
  it('keeps relative links and drops web links and anchors', () => {
    expect(
      relativeLinks(
        '[a](docs/limits.md) [b](https://x.test/y) [c](#layout) [d](docs/contracts.md#reports "t") [e](mailto:a@b.test)',
      ),
    ).toEqual(['docs/limits.md', 'docs/contracts.md#reports']);
  });
});

describe('the entries that must not need msw', () => {
  /** Every bare package a module reaches, following its relative and dynamic imports. */
  async function packagesReached(entry: string): Promise<string[]> {
    const result = await build({
      entryPoints: [path.join(root, entry)],
      bundle: true,
      platform: 'node',
      format: 'esm',
      packages: 'external',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const imports = Object.values(result.metafile.outputs).flatMap((o) =>
      o.imports.filter((i) => i.external).map((i) => i.path),
    );
    return [...new Set(imports)];
  }

  it.each(['mocks/server.ts', 'cli/main.ts'])(
    '%s (and every command it loads) never imports msw',
    async (entry) => {
      const reached = await packagesReached(entry);
      expect(reached.some((p) => p.startsWith('ajv'))).toBe(true); // the walk does reach the core's packages
      expect(reached.filter((p) => p === 'msw' || p.startsWith('msw/'))).toEqual([]);
    },
    60_000,
  );

  it('is told apart from bulkmock/node, which does import msw', async () => {
    expect(await packagesReached('mocks/adapters/msw/node.ts')).toContain('msw/node');
  }, 60_000);
});
