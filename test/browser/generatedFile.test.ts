import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { GeneratorKind } from '../../generators/kinds/kindDefinition.js';
import type { ExpectedDefect } from '../../generators/output/expectedDefects.js';
import { fixtureText } from '../../generators/runGenerator.js';
import { saveScreenshot } from './support/chromium.js';
import { useImportScreen } from './support/importScreen.js';

interface GeneratorSettings {
  count: number;
  invalidRate: number;
  seed: number;
}

/**
 * "Generate a file" on the example import screen: the page runs bulkmock's generators itself, shows
 * the rows they broke on purpose, and sends the file through the same dry run and import as a
 * sample. What the page should show is worked out here by running the same generator in Node with
 * the same options (the `<out>.expected.json` sidecar of `bulkmock generate`), never written down.
 */
describe('example import screen: a generated file with known defects', () => {
  const screen = useImportScreen();

  /** Fills the generator's inputs, presses Generate and waits for the file. */
  async function generate({ count, invalidRate, seed }: GeneratorSettings, unit: string) {
    const { page } = screen;
    await page.getByRole('radio', { name: /^Generate a file/ }).check();
    await page.getByLabel(`Number of ${unit}s`).fill(String(count));
    await page.getByLabel('Invalid rate', { exact: true }).fill(String(invalidRate));
    await page.getByLabel('Seed', { exact: true }).fill(String(seed));
    await page.getByRole('button', { name: 'Generate', exact: true }).click();
    await page.getByText(`Generated ${count} ${unit}s, `).waitFor();
  }

  /** The text of the generated file, as the page offers it for download. */
  async function downloadGeneratedFile(): Promise<string> {
    const [download] = await Promise.all([
      screen.page.waitForEvent('download'),
      screen.page.getByRole('link', { name: /^Download / }).click(),
    ]);
    return readFile(await download.path(), 'utf8');
  }

  const withoutUtcOffsets = (text: string) => text.replace(/(T\d{2}:\d{2}:\d{2})(?:[+-]\d{2}:\d{2}|Z)/g, '$1');

  /** Where each entry of a table is ("row 3"): the header cell of each body row. */
  const positionsIn = (panelName: string, tableName: string) =>
    screen.panel(panelName).getByRole('table', { name: tableName }).locator('tbody th').allTextContents();

  /** The page's list of injected defects: where, which defect, which field. */
  const injectedListed = () =>
    screen
      .panel('Injected defects')
      .getByRole('table', { name: 'Injected defects' })
      .locator('tbody tr')
      .evaluateAll((trs) =>
        trs.map((tr) => [...(tr as HTMLTableRowElement).cells].map((cell) => cell.firstChild?.textContent ?? '')),
      );

  const settings: GeneratorSettings = { count: 40, invalidRate: 0.25, seed: 20270101 };

  // How each vendor names an entry, from the sidecar's 0-based index and 1-based row: Thought
  // Industries counts CSV data rows from 1 and templates from 0, StackOne items from 0, Learning
  // Builder lines from 1.
  const generatedFiles: Array<{
    platform: string;
    kind: RegExp;
    generator: GeneratorKind;
    unit: string;
    position: (defect: ExpectedDefect) => string;
    /** Where the mock's own verdicts appear, when the dry run is a check in the browser: the panel shown after the import. */
    mockVerdictsAfterImport: string | null;
    shot: string;
  }> = [
    {
      platform: 'Thought Industries',
      kind: /webinars/,
      generator: 'ti-webinar',
      unit: 'row',
      position: (d) => `row ${d.row}`,
      mockVerdictsAfterImport: null,
      shot: 'import-ui-generated-webinars',
    },
    {
      platform: 'Thought Industries',
      kind: /Certificate templates/,
      generator: 'ti-certificate-template',
      unit: 'template',
      position: (d) => `template ${d.index}`,
      mockVerdictsAfterImport: null,
      shot: 'import-ui-generated-certificate-templates',
    },
    {
      platform: 'StackOne (unified LMS)',
      kind: /Courses/,
      generator: 'stackone-course',
      unit: 'course',
      position: (d) => `item ${d.index}`,
      mockVerdictsAfterImport: 'Checked when the import was accepted',
      shot: 'import-ui-generated-stackone-courses',
    },
    {
      platform: 'Learning Builder',
      kind: /CE completion records/,
      generator: 'lb-record',
      unit: 'record',
      position: (d) => `line ${d.row}`,
      mockVerdictsAfterImport: 'Results per record',
      shot: 'import-ui-generated-learning-builder-records',
    },
  ];

  it.each(generatedFiles)(
    'reports invalid exactly the entries the generator broke: $generator',
    async ({ platform, kind, generator, unit, position, mockVerdictsAfterImport, shot }) => {
      const expected = await fixtureText({ kind: generator, ...settings });
      const broken = expected.expected.defects;
      expect(broken.length).toBeGreaterThan(0);

      await screen.open('?timing=instant');
      await screen.choose(platform, kind);
      await generate(settings, unit);
      // The same bytes `bulkmock generate` writes, but for UTC offsets: they come from the runtime's
      // time zone database, and Chromium's can be newer than Node's (Debian's Chromium 156 keeps
      // America/Vancouver at -07:00 from November 2026; Node 20 with tzdata 2025c does not).
      expect(withoutUtcOffsets(await downloadGeneratedFile())).toBe(withoutUtcOffsets(expected.text));
      expect(await injectedListed()).toEqual(broken.map((d) => [position(d), d.defect, d.field]));

      const dry = await screen.dryRun();
      expect(dry).toContain(
        `${settings.count - broken.length} valid, ${broken.length} invalid of ${settings.count} ${unit}s.`,
      );
      expect(await positionsIn('Dry run result', `Invalid ${unit}s`)).toEqual(broken.map(position));
      expect(await screen.text('Injected defects')).toContain(
        `Matches the report: the ${broken.length} ${unit}s broken on purpose are the invalid ones, and no other.`,
      );
      await saveScreenshot(screen.page, shot);

      if (mockVerdictsAfterImport) {
        // This vendor has no dry run (the page checked the file): the mock judges the entries when they are imported.
        await screen.importAndWait();
        expect(await positionsIn(mockVerdictsAfterImport, `Invalid ${unit}s`)).toEqual(broken.map(position));
        expect(await screen.text('Injected defects')).toContain('Matches the report');
      }
    },
  );

  it('refuses a count out of range with a message saying what is allowed, and sends nothing to the mock', async () => {
    const { page } = screen;
    await screen.open('?timing=instant');
    await screen.choose('Thought Industries', /webinars/);
    await page.getByRole('radio', { name: /^Generate a file/ }).check();
    // Choosing the option generates a file with the settings shown (25 rows by default).
    await page.getByText('Generated 25 rows, ').waitFor();

    const count = page.getByLabel('Number of rows');
    const problem = page.locator('#generator-problems');
    const refuse = async (value: string) => {
      await count.fill(value);
      await page.getByRole('button', { name: 'Generate', exact: true }).click();
      await problem.getByText(/^Number of/).waitFor();
      expect(await page.getByRole('button', { name: 'Dry run' }).isDisabled()).toBe(true);
      expect(await page.getByRole('button', { name: 'Start import' }).isDisabled()).toBe(true);
      expect(await count.getAttribute('aria-invalid')).toBe('true');
      return problem.textContent();
    };
    expect(await refuse('0')).toBe(
      'Number of rows must be a whole number from 1 to 5000 (the most this page generates; use bulkmock generate for more); got "0".',
    );
    expect(await refuse('5001')).toContain('got "5001"');
    expect(await refuse('2.5')).toContain('got "2.5"');
    expect(await page.getByRole('region', { name: 'Injected defects' }).count()).toBe(0);
    await saveScreenshot(page, 'import-ui-generated-count-out-of-range');

    // StackOne takes at most 100 items in one batch request. (The inputs keep their values across imports.)
    await screen.choose('StackOne (unified LMS)', /Courses/);
    await page.getByRole('radio', { name: /^Generate a file/ }).check();
    await page.getByLabel('Number of courses').fill('101');
    await page.getByRole('button', { name: 'Generate', exact: true }).click();
    await problem
      .getByText('Number of courses must be a whole number from 1 to 100 (the most one request takes); got "101".', {
        exact: true,
      })
      .waitFor();

    const logged = await page.evaluate(async () => {
      const answer = await fetch('/__bulkmock/requests');
      return ((await answer.json()) as { requests: Array<{ method: string; path: string }> }).requests;
    });
    expect(logged.filter((r) => r.path !== '/__bulkmock/requests')).toEqual([]);
  });
});
