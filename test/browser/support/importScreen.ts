import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { chromiumUnavailable, launchChromium, watchPage } from './chromium.js';
import { startExampleApp, type ExampleApp } from './exampleApp.js';

/**
 * The example import screen in one Chromium page, and the steps a user takes on it. The steps are
 * plain functions (they never use `this`), so a test may destructure them.
 */
export interface ImportScreen {
  readonly page: Page;
  readonly app: ExampleApp;
  /** Loads the screen afresh (a fresh mock inside the page) with this query, and waits until it is ready. */
  open: (query: string) => Promise<void>;
  /** Picks a platform, an import whose label matches `kind`, and optionally a sample file. */
  choose: (platform: string, kind: RegExp, sample?: RegExp) => Promise<void>;
  /** A section of the report, by its name ("Dry run result"). */
  panel: (name: string) => Locator;
  text: (name: string) => Promise<string>;
  /** Runs the dry run and returns the text of its result. */
  dryRun: () => Promise<string>;
  /** Starts the import and returns its outcome once the job ended. */
  importAndWait: () => Promise<Locator>;
  /** The body rows of a table, each as its visible text on one line. */
  rowsOf: (table: Locator) => Promise<string[]>;
}

/**
 * Builds the example, starts Chromium and opens one page for the calling `describe`: each test
 * navigates it afresh, which starts a fresh mock inside the page (its state lives in the page) while
 * the service worker stays installed, saving a second per test. Without Chromium the tests are
 * skipped (failed on CI); a failing test prints what went wrong inside the page.
 */
export function useImportScreen(): ImportScreen {
  const unavailable = chromiumUnavailable();
  let app: ExampleApp | undefined;
  let browser: Browser | undefined;
  let page: Page | undefined;
  let pageProblems: string[] = [];

  beforeAll(async () => {
    if (unavailable) return;
    [app, browser] = await Promise.all([startExampleApp(), launchChromium()]);
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    // A step that cannot happen fails naming what it waited for, well before the test's own timeout.
    page.setDefaultTimeout(15_000);
    pageProblems = watchPage(page).problems;
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });
  beforeEach((test) => test.skip(unavailable !== null, unavailable ?? undefined));
  afterEach((test) => {
    if (test.task.result?.state === 'fail' && pageProblems.length > 0)
      console.error(`problems inside the page:\n${pageProblems.join('\n')}`);
    pageProblems.length = 0;
  });

  const ready = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`the ${what} is not started: use the import screen inside a test`);
    return value;
  };
  const screen: ImportScreen = {
    get page() {
      return ready(page, 'page');
    },
    get app() {
      return ready(app, 'example app');
    },
    async open(query) {
      await screen.page.goto(`${screen.app.url}/${query}`);
      await screen.page.locator('body[data-ready="true"]').waitFor();
    },
    async choose(platform, kind, sample) {
      await screen.page.getByLabel('Platform').selectOption({ label: platform });
      const kindSelect = screen.page.getByLabel('Import', { exact: true });
      const option = (await kindSelect.locator('option').allTextContents()).find((text) => kind.test(text));
      if (!option) throw new Error(`no import kind matching ${kind} for ${platform}`);
      await kindSelect.selectOption({ label: option });
      if (sample) await screen.page.getByRole('radio', { name: sample }).check();
    },
    panel: (name) => screen.page.getByRole('region', { name }),
    text: async (name) => (await screen.panel(name).textContent()) ?? '',
    async dryRun() {
      await screen.page.getByRole('button', { name: 'Dry run' }).click();
      await screen.panel('Dry run result').waitFor();
      return screen.text('Dry run result');
    },
    async importAndWait() {
      await screen.page.getByRole('button', { name: 'Start import' }).click();
      const outcome = screen.page.locator('.outcome');
      await outcome.waitFor();
      return outcome;
    },
    rowsOf: (table) =>
      table
        .locator('tbody tr')
        .evaluateAll((trs) => trs.map((tr) => (tr as HTMLElement).innerText.replace(/\s+/g, ' ').trim())),
  };
  return screen;
}
