import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startMockServer, type RunningServer } from '../../mocks/adapters/http/httpServer.js';
import { goodWebinar, webinarCsv } from '../support/csvFixtures.js';
import { saveScreenshot } from './support/chromium.js';
import { useImportScreen } from './support/importScreen.js';

/**
 * The example import screen (examples/import-ui) in Debian's Chromium. The mock runs inside the page
 * behind MSW's service worker unless a test points the page at a standalone server. Instant timing
 * makes every job end at once; the progress test uses manual timing and moves the in-page clock
 * through the control API, so no test waits on the wall clock.
 */
describe('example import screen', () => {
  const screen = useImportScreen();
  const { open, choose, text, dryRun, importAndWait } = screen;
  let page: Page;
  beforeEach(() => {
    page = screen.page;
  });

  describe('on the MSW worker', () => {
    const goodFiles = [
      {
        platform: 'Thought Industries',
        kind: /webinars/,
        rows: 8,
        unit: 'row',
        stored: '8 webinars stored by this import',
        shot: 'import-ui-thought-industries-webinars',
      },
      {
        platform: 'Thought Industries',
        kind: /In-person/,
        rows: 5,
        unit: 'row',
        stored: '5 in-person events stored by this import',
        shot: 'import-ui-thought-industries-in-person-events',
      },
      {
        platform: 'Thought Industries',
        kind: /Certificate templates/,
        rows: 4,
        unit: 'template',
        stored: '4 certificate templates stored by this call',
        shot: 'import-ui-thought-industries-certificate-templates',
      },
      {
        platform: 'StackOne (unified LMS)',
        kind: /Courses/,
        rows: 6,
        unit: 'course',
        stored: '6 courses of this batch in the course list',
        shot: 'import-ui-stackone-courses',
      },
      {
        platform: 'StackOne (unified LMS)',
        kind: /Content/,
        rows: 4,
        unit: 'content item',
        stored: '4 content items of this batch in the content list',
        shot: 'import-ui-stackone-content',
      },
      {
        platform: 'Learning Builder',
        kind: /CE completion records/,
        rows: 6,
        unit: 'record',
        stored: null,
        shot: 'import-ui-learning-builder-records',
      },
    ];

    it.each(goodFiles)(
      'completes a dry run and an import: $platform $kind',
      async ({ platform, kind, rows, unit, stored, shot }) => {
        await open('?timing=instant');
        await choose(platform, kind);

        const dry = await dryRun();
        expect(dry).toContain(`${rows} valid`);
        expect(dry).toContain('0 invalid');

        const outcome = await importAndWait();
        expect(await outcome.getAttribute('role')).toBe('status');
        expect(await outcome.textContent()).toContain('Import complete');
        expect(await outcome.textContent()).toContain(`${rows} of ${rows} ${unit}s processed.`);
        expect(await page.getByRole('list', { name: 'Status timeline' }).textContent()).toMatch(/Complete/);
        if (stored) expect(await page.getByRole('table', { name: stored }).locator('tbody tr').count()).toBe(rows);
        else expect(await text('Results per record')).toContain(`${rows} succeeded, 0 failed`);
        await saveScreenshot(page, shot);
      },
    );

    it('lists the invalid rows of a webinar file with known defects, each with its reasons', async () => {
      await open('?timing=instant');
      await choose('Thought Industries', /webinars/, /Webinars with known defects/);

      const dry = await dryRun();
      expect(dry).toContain('4 valid');
      expect(dry).toContain('4 invalid');
      const invalid = page.getByRole('table', { name: 'Invalid rows' });
      const rows = await screen.rowsOf(invalid);
      expect(rows).toEqual([
        expect.stringMatching(/^row 3 WEB-2027-103 · Negotiation Skills Masterclass endDate must be after startDate$/),
        expect.stringMatching(/^row 5 WEB-2027-105 .* instructorEmail must be a valid email$/),
        expect.stringMatching(/^row 6 WEB-2027-101 .* externalId "WEB-2027-101" is already used by row 1$/),
        expect.stringMatching(/^row 8 WEB-2027-108 .*timeZone.*meetingUrl is required.*capacity must be an integer/),
      ]);
      await saveScreenshot(page, 'import-ui-invalid-rows');
    });

    it('checks Learning Builder records in the browser the way the batch later judges them', async () => {
      await open('?timing=instant');
      await choose('Learning Builder', /CE completion records/, /Completions with known defects/);
      const invalidRecords = () => screen.rowsOf(page.getByRole('table', { name: 'Invalid records' }));

      const dry = await dryRun();
      expect(dry).toContain(
        '1 valid, 4 invalid of 5 records. Checked by this browser, against the Learning Builder document.',
      );
      const foundByBrowser = await invalidRecords();

      await importAndWait();
      expect(await text('Results per record')).toContain('1 succeeded, 4 failed');
      const foundByBatch = await invalidRecords();
      expect(foundByBatch).toEqual(foundByBrowser);
      expect(foundByBatch).toEqual([
        expect.stringMatching(/^line 2 .* CreditHours must be a multiple of 0.25$/),
        expect.stringMatching(/^line 3 .* Email must be a valid email$/),
        expect.stringMatching(/^line 4 .* CompletionDate must be a valid date$/),
        expect.stringMatching(/^line 5 .* ExternalRecordId "ce-2026-000611" is already used by line 1$/),
      ]);
      await saveScreenshot(page, 'import-ui-learning-builder-defects');
    });

    it('imports a file the user picks', async () => {
      await open('?timing=instant');
      await choose('Thought Industries', /webinars/);
      await page.getByRole('radio', { name: 'My own file' }).check();
      await page.getByLabel('Choose your own file').setInputFiles({
        name: 'my-webinars.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(
          webinarCsv(goodWebinar('MINE-1'), goodWebinar('MINE-2', 'Incident Command for Site Leads')),
        ),
      });
      await page.getByText('Preview of my-webinars.csv (3 lines)').waitFor();

      expect(await dryRun()).toContain('2 valid, 0 invalid of 2 rows.');
      const outcome = await importAndWait();
      expect(await outcome.textContent()).toContain('2 of 2 rows processed.');
      expect(
        await page
          .getByRole('table', { name: '2 webinars stored by this import' })
          .locator('tbody td:first-child')
          .allTextContents(),
      ).toEqual(['MINE-1', 'MINE-2']);
    });

    it("shows the vendor's refusal when a whole file is unusable", async () => {
      await open('?timing=instant');
      await choose('Thought Industries', /webinars/);
      await page.getByRole('radio', { name: 'My own file' }).check();
      await page
        .getByLabel('Choose your own file')
        .setInputFiles({ name: 'export.csv', mimeType: 'text/csv', buffer: Buffer.from('id,name\n1,Kubernetes\n') });
      await page.getByText('Preview of export.csv (2 lines)').waitFor();

      await page.getByRole('button', { name: 'Dry run' }).click();
      const alert = page.getByRole('alert');
      await alert.waitFor();
      expect(await alert.textContent()).toMatch(
        /Dry run failed.*answered 422: .*the header does not match: missing columns externalId, title/,
      );
    });

    it('shows the message of a job that was forced to fail', async () => {
      await open('?timing=instant');
      await choose('StackOne (unified LMS)', /Courses/);
      await page.getByLabel('Force the job to fail').check();
      await page.getByLabel('Failure message').fill('The LMS provider rejected the batch: quota exceeded');

      const outcome = await importAndWait();
      expect(await outcome.getAttribute('role')).toBe('alert');
      expect(await outcome.textContent()).toContain('Import failed');
      expect(await outcome.textContent()).toContain('The LMS provider rejected the batch: quota exceeded');
      expect(await page.locator('.badge').textContent()).toBe('Failed');
      await saveScreenshot(page, 'import-ui-forced-failure');
    });

    it('moves the progress bar as the job advances (manual timing, clock moved by the test)', async () => {
      await open('?timing=manual');
      await choose('StackOne (unified LMS)', /Courses/);
      // The worker's timing: 800 ms in the queue, then 150 ms per course (6 courses: 900 ms).
      const advance = (ms: number) =>
        page.evaluate(async (by) => {
          const answer = await fetch('/__bulkmock/clock/advance', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ ms: by }),
          });
          if (!answer.ok) throw new Error(`clock advance answered ${answer.status}`);
        }, ms);

      await page.getByRole('button', { name: 'Start import' }).click();
      await page.getByText('Waiting in the queue (6 courses).').waitFor();
      expect(await page.locator('#import-progress').getAttribute('value')).toBeNull();

      await advance(800 + 2 * 150);
      await page.getByText('2 of 6 courses processed.').waitFor();
      expect(
        await page.locator('#import-progress').evaluate((bar: HTMLProgressElement) => [bar.value, bar.max]),
      ).toEqual([2, 6]);
      await saveScreenshot(page, 'import-ui-progress');

      await advance(4 * 150);
      await page.locator('.outcome').waitFor();
      expect(await page.getByRole('list', { name: 'Status timeline' }).locator('.step').allTextContents()).toEqual([
        'Queued',
        'Processing',
        'Complete',
      ]);
    });
  });

  describe('against a standalone bulkmock server (?target=)', () => {
    let server: RunningServer;
    beforeAll(async () => {
      server = await startMockServer({ port: 0, mock: { timing: { mode: 'instant' } } });
    });
    afterAll(async () => {
      await page?.goto('about:blank');
      const closed = server?.close();
      server?.server.closeAllConnections();
      await closed;
    });

    it('imports through the server instead of the worker, across origins', async () => {
      await open(`?target=${encodeURIComponent(server.url)}`);
      expect(await page.locator('#connection').textContent()).toContain(`bulkmock server at ${server.url}`);
      await choose('Thought Industries', /webinars/);

      expect(await dryRun()).toContain('8 valid');
      const outcome = await importAndWait();
      expect(await outcome.textContent()).toContain('Import complete');

      const jobs = server.core.state.jobs.list(server.core.state.clock.now());
      expect(jobs.map((j) => [j.operationId, j.dryRun, j.state.status])).toEqual([
        ['bulkImportCourseGroupWebinars', true, 'complete'],
        ['bulkImportCourseGroupWebinars', false, 'complete'],
      ]);
      await saveScreenshot(page, 'import-ui-standalone-server');
    });
  });
});
