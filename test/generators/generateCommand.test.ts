import { readdir, readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { generatorKinds, outputFormats } from '../../generators/kinds/kindDefinition.js';
import { createProgressBar } from '../../generators/progressBar.js';
import { fixtureText } from '../../generators/runGenerator.js';
import { runCli } from '../support/cliOutput.js';
import { runCliProcess } from '../support/cliProcess.js';
import { useTempDir } from '../support/tempDir.js';

const generate = async (args: string[], isTTY = false) => {
  const { code, stdout, stderr } = await runCli(['generate', ...args], { isTTY });
  return { status: code, out: stdout, err: stderr };
};

const temp = useTempDir('generate-cli');

describe('bulkmock generate', () => {
  it('lists the kinds, their formats and defects', async () => {
    const { status, out } = await generate(['--list']);
    expect(status).toBe(0);
    for (const kind of generatorKinds) expect(out).toContain(kind);
    expect(out).toContain(`Formats: ${outputFormats.join(', ')}`);
    expect(out).toContain('duplicateKey');
  });

  it('writes the fixture and its expected defects, and sums up on standard output', async () => {
    const file = temp.file('webinars.csv');
    const { status, out, err } = await generate([
      'ti-webinar',
      '--count',
      '200',
      '--seed',
      '7',
      '--invalid-rate',
      '0.1',
      '--out',
      file,
    ]);
    expect(status).toBe(0);
    expect(err).toBe('');
    const fixture = await fixtureText({ kind: 'ti-webinar', count: 200, seed: 7, invalidRate: 0.1 });
    expect(await readFile(file, 'utf8')).toBe(fixture.text);
    expect(JSON.parse(await readFile(`${file}.expected.json`, 'utf8'))).toEqual(fixture.expected);
    expect(out).toMatch(
      new RegExp(
        `generated 200 ti-webinar rows \\(20 invalid\\) as csv to .*webinars\\.csv: ${Buffer.byteLength(fixture.text).toLocaleString('en-US')} bytes in \\d+\\.\\d\\d s`,
      ),
    );
  });

  it('gives byte-identical files for the same seed and different ones for another seed', async () => {
    const paths = ['a.jsonl', 'b.jsonl', 'c.jsonl'].map((name) => temp.file(name));
    await generate(['lb-record', '--count', '300', '--seed', '5', '--invalid-rate', '0.2', '--out', paths[0]!]);
    await generate(['lb-record', '--count', '300', '--seed', '5', '--invalid-rate', '0.2', '--out', paths[1]!]);
    await generate(['lb-record', '--count', '300', '--seed', '6', '--invalid-rate', '0.2', '--out', paths[2]!]);
    const [a, b, c] = await Promise.all(paths.map((p) => readFile(p)));
    expect(a!.equals(b!)).toBe(true);
    expect(a!.equals(c!)).toBe(false);
  });

  it('streams to standard output without a sidecar, and sums up on standard error', async () => {
    const before = await readdir(temp.path);
    const { status, out, err } = await generate([
      'ti-certificate-template',
      '--count',
      '20',
      '--seed',
      '2',
      '--invalid-rate',
      '0.5',
    ]);
    expect(status).toBe(0);
    expect(JSON.parse(out).templates).toHaveLength(20);
    expect(err).toMatch(/generated 20 ti-certificate-template rows \(10 invalid\) as json to standard output/);
    expect(await readdir(temp.path)).toEqual(before);
  });

  it('writes the sidecar for standard output when --expected names a file', async () => {
    const sidecar = temp.file('items.expected.json');
    const { status } = await generate([
      'stackone-course',
      '--count',
      '30',
      '--invalid-rate',
      '0.2',
      '--format',
      'jsonl',
      '--expected',
      sidecar,
    ]);
    expect(status).toBe(0);
    expect(JSON.parse(await readFile(sidecar, 'utf8')).defects).toHaveLength(6);
  });

  it('shows no progress bar when standard error is not a terminal, or the run is short', async () => {
    expect((await generate(['lb-record', '--count', '500', '--out', temp.file('quiet.jsonl')], false)).err).toBe('');
    expect((await generate(['lb-record', '--count', '500', '--out', temp.file('short.jsonl')], true)).err).toBe('');
  });

  it.each([
    [[], /name the kind to generate: ti-webinar, /],
    [['webinars'], /unknown kind "webinars"; kinds: ti-webinar/],
    [['ti-webinar', 'lb-record'], /one kind, got 2/],
    [['ti-webinar', '--count', 'many'], /--count must be a whole number from 1 to/],
    [['ti-webinar', '--count', '0'], /--count must be a whole number from 1 to/],
    [['ti-webinar', '--seed', '1.5'], /--seed must be a whole number/],
    [['ti-webinar', '--invalid-rate', '1.5'], /--invalid-rate must be a number from 0 to 1, got "1.5"/],
    [['ti-webinar', '--invalid-rate=-0.1'], /--invalid-rate must be a number from 0 to 1/],
    [['ti-webinar', '--format', 'xml'], /--format must be one of csv, jsonl, json, got "xml"/],
    [
      ['ti-certificate-template', '--defects', 'endBeforeStart'],
      /ti-certificate-template rows cannot carry endBeforeStart; they can carry missingRequired/,
    ],
    [['ti-webinar', '--out', 'same.csv', '--expected', 'same.csv'], /--expected must name a different file/],
    [['ti-webinar', '--colour'], /Unknown option '--colour'/],
  ])('exits 2 with a one-line reason for a usage error: %j', async (args, reason) => {
    const { status, out, err } = await generate(args);
    expect(status).toBe(2);
    expect(out).toBe('');
    expect(err).toMatch(reason);
    expect(err.trim().split('\n')).toHaveLength(1);
  });

  it('exits 1 when the output cannot be written', async () => {
    const { status, err } = await generate(['ti-webinar', '--out', temp.file('missing-folder', 'webinars.csv')]);
    expect(status).toBe(1);
    expect(err).toMatch(/^bulkmock generate: cannot write .*webinars\.csv: ENOENT/);
  });

  it('exits 1 when the sidecar cannot be written, and leaves no file open', async () => {
    const { status, err } = await generate([
      'lb-record',
      '--out',
      temp.file('ok.jsonl'),
      '--expected',
      temp.file('missing-folder', 'x.json'),
    ]);
    expect(status).toBe(1);
    expect(err).toMatch(/cannot write .*x\.json: ENOENT/);
  });

  it('runs as a real process: rows on standard output, the exit status of the run', async () => {
    const args = ['generate', 'lb-record', '--count', '400', '--seed', '3', '--invalid-rate', '0.1'];
    const { code, stdout, stderr } = await runCliProcess(args);
    expect(code).toBe(0);
    expect(stdout).toBe((await fixtureText({ kind: 'lb-record', count: 400, seed: 3, invalidRate: 0.1 })).text);
    expect(stderr).toMatch(/generated 400 lb-record rows \(40 invalid\)/);
  });
});

describe('the progress bar', () => {
  it('stays hidden during the first half second, then redraws in place at most every 100 ms', () => {
    const lines: string[] = [];
    let now = 0;
    const bar = createProgressBar({ total: 1000, write: (line) => lines.push(line), now: () => now });
    now = 400;
    bar.update(100);
    expect(lines).toEqual([]);
    now = 600;
    bar.update(300);
    now = 650;
    bar.update(350);
    now = 800;
    bar.update(500);
    bar.finish();
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^\[#{9}-{21}\] {2}30% 300 of 1,000 rows 500 rows\/s$/);
    // Each redraw first moves the cursor up one line and clears it (ANSI escapes).
    const redraw = '\u001b[1A\u001b[2K';
    expect(lines[1]!.slice(0, redraw.length)).toBe(redraw);
    expect(lines[1]!.slice(redraw.length)).toMatch(/^\[#{15}-{15}\] {2}50% 500 of 1,000 rows/);
    expect(lines[2]).toMatch(/100% 1,000 of 1,000 rows/);
  });

  it('draws nothing at all for a run that ends before it would show', () => {
    const lines: string[] = [];
    const bar = createProgressBar({ total: 10, write: (line) => lines.push(line), now: () => 10 });
    bar.update(10);
    bar.finish();
    expect(lines).toEqual([]);
  });
});
