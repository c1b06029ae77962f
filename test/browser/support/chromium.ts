import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's Chromium: test tools' own browser downloads cannot work without general network access. */
const chromiumPath = '/usr/bin/chromium';

/**
 * Flags that let Chromium start headless as root on a machine without network. Playwright gives every
 * launch a fresh temporary profile itself (it refuses --user-data-dir in `args`).
 */
const chromiumFlags = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const installHint = 'chromium not installed: run scripts/ensure-chromium.sh';

/**
 * Why the browser tests cannot run here, or null when they can. On CI a missing browser fails the run
 * (.ci/run installs it, so a skip there would hide a broken setup); elsewhere the tests are skipped.
 */
export function chromiumUnavailable(): string | null {
  if (existsSync(chromiumPath)) return null;
  if (process.env.CI)
    throw new Error(
      `${installHint}. On CI the browser tests must run; .ci/run installs chromium with scripts/ensure-chromium.sh.`,
    );
  return installHint;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, args: chromiumFlags });
}

const resultsDir = fileURLToPath(new URL('../../../test-results/', import.meta.url));

/** Saves what the page shows to test-results/<name>.png (not committed) and returns the file's path. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  await mkdir(resultsDir, { recursive: true });
  const file = `${resultsDir}${name}.png`;
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/**
 * Collects what goes wrong inside a page (uncaught errors, console errors), so a test can show it
 * when a step times out instead of only "waiting for selector".
 */
export function watchPage(page: Page): { problems: string[] } {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  return { problems };
}
