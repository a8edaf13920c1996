/**
 * A real headless browser for dashboard tests: Debian's chromium driven by
 * puppeteer-core (no browser download). Collects console errors and page
 * errors; closed by a teardown hook.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';

/** @default /usr/bin/chromium (Debian's package; .ci/run installs it) */
export const CHROMIUM = process.env.PATTERNSWEEP_CHROMIUM ?? '/usr/bin/chromium';

export interface TestBrowser {
  readonly browser: Browser;
  readonly page: Page;
  /** Console errors, page errors and failed requests seen so far. */
  readonly errors: string[];
}

export async function openBrowser(t: { teardown(fn: () => unknown): void }): Promise<TestBrowser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} not found: install Debian's chromium (.ci/run does) or set PATTERNSWEEP_CHROMIUM`);
  }
  const profile = await mkdtemp(join(tmpdir(), 'patternsweep-chromium-'));
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `--user-data-dir=${profile}`,
    ],
  });
  t.teardown(async () => {
    await browser.close();
    await rm(profile, { recursive: true, force: true });
  });
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 1000 });
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`page: ${(e as Error).message}`));
  page.on('requestfailed', (r) => errors.push(`request failed: ${r.url()} ${r.failure()?.errorText ?? ''}`));
  return { browser, page, errors };
}
