import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { findDashboardFiles, serveDashboard } from '../../mocks/adapters/http/dashboard/serveDashboard.js';
import { currentFidelityReport } from '../../mocks/spec/fidelity/currentReport.js';
import { startMockServer, type RunningServer } from '../../mocks/adapters/http/httpServer.js';
import type { CreateMockOptions } from '../../mocks/builtInVendors.js';
import { goodWebinar, lbRecord, stackOneCourse, webinarCsv } from '../support/csvFixtures.js';
import { chromiumUnavailable, launchChromium, saveScreenshot, watchPage } from './support/chromium.js';

const unavailable = chromiumUnavailable();

const servers: RunningServer[] = [];

/** A mock server with the dashboard, as `bulkmock serve` starts it. */
async function startServer(mock: CreateMockOptions): Promise<RunningServer> {
  const server = await startMockServer({ port: 0, mock, extraRoutes: serveDashboard() });
  servers.push(server);
  return server;
}

afterEach(async () => {
  // A dashboard left open keeps polling over keep-alive connections: cut them rather than wait.
  await Promise.all(
    servers.splice(0).map((s) => {
      const closed = s.close();
      s.server.closeAllConnections();
      return closed;
    }),
  );
});

/** A client importing a webinar file over real HTTP, as an application under test would. */
async function importWebinars(server: RunningServer, rows: number, headers: Record<string, string> = {}) {
  const ids = Array.from({ length: rows }, (_, i) => goodWebinar(`WEB-${i + 1}`));
  const upload = await fetch(`${server.url}/__bulkmock/assets/dashboard/spring.csv`, {
    method: 'PUT',
    headers: { 'content-type': 'text/csv', ...headers },
    body: webinarCsv(...ids),
  });
  expect(upload.status).toBe(201);
  const answer = await fetch(`${server.url}/incoming/v2/content/courseGroup/webinar/bulk`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer dashboard-test', ...headers },
    body: JSON.stringify({ bulkImportAssetPath: 'dashboard/spring.csv' }),
  });
  expect(answer.status).toBe(200);
}

describe('dashboard routes', () => {
  it('finds its files next to the module, and from the package root when running from dist/', () => {
    const sources = fileURLToPath(new URL('../../mocks/adapters/http/dashboard', import.meta.url));
    expect(
      findDashboardFiles(new URL('../../mocks/adapters/http/dashboard/serveDashboard.ts', import.meta.url).href),
    ).toBe(sources);
    expect(
      findDashboardFiles(new URL('../../dist/mocks/adapters/http/dashboard/serveDashboard.js', import.meta.url).href),
    ).toBe(sources);
  });

  it('serves the page and its files with a content security policy, and leaves every other path to the mock', async () => {
    const server = await startServer({ timing: { mode: 'instant' } });
    const page = await fetch(`${server.url}/__bulkmock/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toContain("connect-src 'self'");
    expect(await page.text()).toContain('<title>bulkmock dashboard</title>');
    expect((await fetch(`${server.url}/__bulkmock/dashboard/dashboard.js`)).headers.get('content-type')).toBe(
      'text/javascript; charset=utf-8',
    );

    const bare = await fetch(`${server.url}/__bulkmock`, { redirect: 'manual' });
    expect([bare.status, bare.headers.get('location')]).toEqual([308, '/__bulkmock/']);
    const unknown = await fetch(`${server.url}/__bulkmock/dashboard/../../package.json`);
    expect(unknown.status).toBe(404);
    expect((await fetch(`${server.url}/__bulkmock/`, { method: 'POST' })).status).toBe(405);

    const health = await fetch(`${server.url}/__bulkmock/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok' });
  });
});

/**
 * The dashboard in Debian's Chromium, against a real server on an ephemeral port. Jobs move on the
 * mock's manual clock, advanced with the dashboard's own button, so nothing waits on the wall clock.
 */
describe('dashboard in the browser', () => {
  let browser: Browser;
  let page: Page;
  let pageProblems: string[] = [];

  beforeAll(async () => {
    if (unavailable) return;
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    pageProblems = watchPage(page).problems;
  }, 60_000);
  afterAll(async () => browser?.close());
  beforeEach((test) => test.skip(unavailable !== null, unavailable ?? undefined));
  afterEach(async (test) => {
    if (test.task.result?.state === 'fail' && pageProblems.length > 0)
      console.error(`problems inside the page:\n${pageProblems.join('\n')}`);
    pageProblems.length = 0;
    // Stop the dashboard's polling before its server closes.
    await page?.goto('about:blank');
  });

  async function openDashboard(server: RunningServer, state = 'live') {
    await page.goto(`${server.url}/__bulkmock/`);
    await page.locator(`body[data-state="${state}"]`).waitFor();
  }

  async function advanceClock(ms: number) {
    await page.getByLabel('Advance the clock by (ms)').fill(String(ms));
    await page.getByRole('button', { name: 'Advance clock' }).click();
    await page.getByText(/Clock moved forward/).waitFor();
  }

  const jobRow = () => page.locator('tr.job');
  const badge = (status: string) => jobRow().locator('.badge', { hasText: status });

  it('shows a job moving from queued through processing to complete, with its timeline and requests', async () => {
    const server = await startServer({ timing: { mode: 'manual', baseDelayMs: 1000, perRowMs: 500 } });
    await openDashboard(server);
    await page.getByText('No jobs yet').waitFor();

    await importWebinars(server, 4);
    await badge('queued').waitFor();
    expect(await page.locator('#counts').innerText()).toMatch(/1\s+queued/i);

    // 1 s in the queue, then 500 ms per row: after 2 s, two of four rows are done.
    await advanceClock(2000);
    await badge('processing').waitFor();
    expect(await jobRow().locator('.fraction').textContent()).toBe('2 / 4');

    await advanceClock(1000);
    await badge('complete').waitFor();
    expect(await jobRow().locator('.timeline li').allInnerTexts()).toEqual([
      'queued +0.0 s',
      'processing +1.0 s',
      'complete +3.0 s',
    ]);
    expect(await page.locator('#counts').innerText()).toMatch(/1\s+complete/i);

    const requests = await page.locator('#requests tbody tr').allInnerTexts();
    expect(requests.map((r) => r.replace(/\s+/g, ' '))).toEqual([
      expect.stringMatching(
        /POST \/incoming\/v2\/content\/courseGroup\/webinar\/bulk 200 .* ms Thought Industries · bulkImportCourseGroupWebinars$/,
      ),
      expect.stringMatching(
        /PUT \/__bulkmock\/assets\/dashboard\/spring\.csv 201 .* ms Thought Industries · uploadImportAsset$/,
      ),
    ]);
    expect(await page.locator('#settings').innerText()).toMatch(/Timing\s+manual/);
    // What the mock keeps against --max-memory: the uploaded file, the stored rows, the job.
    expect(await page.locator('#health .memory').innerText()).toMatch(/^memory \d+(\.\d)? KiB of 1\.0 GiB \(0%\)$/);
    expect(await page.locator('#health .memory').getAttribute('title')).toMatch(
      /^assets: .*, records: .*, courses: 0 bytes, batches: 0 bytes, jobs: .* \(--max-memory\)$/,
    );
    await saveScreenshot(page, 'dashboard-job-complete');
  });

  it('shows jobs and batches of every vendor at a glance, a failed one with its message, a batch with its creation path and e-mail addresses', async () => {
    const server = await startServer({ timing: { mode: 'instant' } });
    await importWebinars(server, 3);
    const stackOne = await fetch(`${server.url}/unified/lms/courses/batch`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Basic ${btoa('dashboard-test:')}`,
        'x-account-id': 'acme',
        'x-bulkmock-fail-job': 'Provider rejected the batch: rate limit of the LMS reached',
      },
      body: JSON.stringify({ items: [stackOneCourse('GDPR-1'), stackOneCourse('GDPR-2')] }),
    });
    expect(stackOne.status).toBe(202);
    const learningBuilder = await fetch(
      `${server.url}/API/WorkflowImportQueue/CreateBatch?importProcessId=4182&fileName=CE%20Completions&creationPath=LH&sendFailureEmailTo=ops%40example.org`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/x-ndjson', authorization: 'apikey dashboard-test' },
        body: [lbRecord('ce-1'), lbRecord('ce-2'), lbRecord('ce-3')].join('\n'),
      },
    );
    expect(learningBuilder.status).toBe(200);

    await openDashboard(server);
    await jobRow().nth(2).waitFor();
    const rows = await jobRow().evaluateAll((trs) =>
      trs.map((tr) => ({
        kind: tr.querySelector('.kind')?.textContent,
        status: tr.querySelector('.badge')?.textContent,
      })),
    );
    expect(rows).toEqual([
      { kind: 'batch', status: 'complete' },
      { kind: 'job', status: 'failed' },
      { kind: 'job', status: 'complete' },
    ]);
    expect(await jobRow().nth(1).locator('.problem').textContent()).toBe(
      'Provider rejected the batch: rate limit of the LMS reached',
    );
    expect(await jobRow().nth(0).getByRole('link', { name: 'details' }).getAttribute('href')).toMatch(
      /^\/__bulkmock\/learning-builder\/batches\//,
    );
    expect(await jobRow().nth(0).locator('.batch-settings').textContent()).toBe(
      'creation path IMPORT_QUEUE_API:LH · failure e-mail to ops@example.org',
    );
    await saveScreenshot(page, 'dashboard-every-vendor');
  });

  it('shows per vendor operation how many rules are designed, and lists them with their ids and reasons', async () => {
    const server = await startServer({ timing: { mode: 'instant' } });
    await openDashboard(server);
    const report = currentFidelityReport();
    const operations = report.vendors.flatMap((v) => v.operations);
    const row = page.locator('#fidelity tbody tr[data-operation="bulkCreateCertificateTemplates"]');
    await row.waitFor();
    expect(await page.locator('#fidelity tbody tr').count()).toBe(operations.length);
    const templates = operations.find((o) => o.operationId === 'bulkCreateCertificateTemplates')!;
    expect(await row.locator('summary').textContent()).toBe(`${templates.designed.length} designed`);
    expect(await row.locator('td.number').textContent()).toBe(String(templates.documented.length));
    await row.locator('summary').click();
    const rules = await row.locator('.designed-rules li').allInnerTexts();
    expect(rules).toContainEqual(
      expect.stringContaining(
        'thought-industries#/components/schemas/CertificateTemplatesBulkRequest/properties/templates/maxItems (stricter than the documents)',
      ),
    );
    expect(await page.locator('#fidelity-markdown').getAttribute('href')).toBe('/__bulkmock/fidelity?format=markdown');
    const markdown = await fetch(`${server.url}/__bulkmock/fidelity?format=markdown`);
    expect(await markdown.text()).toContain('# How close bulkmock is to the real platforms');
    await saveScreenshot(page, 'dashboard-fidelity');
  });

  it('forgets every job when the reset button is pressed', async () => {
    const server = await startServer({ timing: { mode: 'instant' } });
    await importWebinars(server, 2);
    await openDashboard(server);
    await badge('complete').waitFor();

    await page.getByRole('button', { name: 'Reset the mock' }).click();
    await page.getByText(/Reset done at/).waitFor();
    await page.getByText('No jobs yet').waitFor();
    expect(server.core.state.jobs.size).toBe(0);
  });

  it('disables the clock outside manual timing and says why', async () => {
    const server = await startServer({ timing: { mode: 'realistic' } });
    await openDashboard(server);
    expect(await page.getByRole('button', { name: 'Advance clock' }).isDisabled()).toBe(true);
    expect(await page.locator('#advance-why').textContent()).toContain(
      'in realistic timing the clock follows the wall clock',
    );
  });

  it('asks for the control token when the mock has one, and refuses a wrong one', async () => {
    const server = await startServer({ timing: { mode: 'instant' }, controlToken: 'open-sesame' });
    await importWebinars(server, 1, { 'x-bulkmock-token': 'open-sesame' });
    await openDashboard(server, 'token');

    await page.getByRole('textbox', { name: 'Control token' }).fill('wrong');
    await page.getByRole('button', { name: 'Connect' }).click();
    await page.getByText('The mock refused that token.').waitFor();

    await page.getByRole('textbox', { name: 'Control token' }).fill('open-sesame');
    await page.getByRole('button', { name: 'Connect' }).click();
    await page.locator('body[data-state="live"]').waitFor();
    await badge('complete').waitFor();
    await saveScreenshot(page, 'dashboard-with-control-token');
  });
});
