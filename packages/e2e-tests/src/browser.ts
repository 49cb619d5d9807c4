import { Browser, chromium, Locator, Page } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './stack';

export const screenshotDir = join(repoRoot, 'packages/e2e-tests/screenshots');

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** A new page signed in as the guest user (member of team-payments). */
export async function signedInPage(
  browser: Browser,
  url: string,
): Promise<Page> {
  const page = await browser.newPage({
    viewport: { width: 1440, height: 1000 },
  });
  await page.goto(`${url}/catalog`);
  await page.getByRole('button', { name: 'Enter' }).click();
  await page
    .getByRole('heading', { name: /catalog/i })
    .first()
    .waitFor();
  return page;
}

/**
 * Saves what the window shows (1440 x 1000) to screenshots/<name>.png,
 * scrolled to put `at` on top if given; `fullPage` for the whole page, as
 * after a failure.
 */
export async function screenshot(
  page: Page,
  name: string,
  options: { fullPage?: boolean; at?: Locator } = {},
) {
  mkdirSync(screenshotDir, { recursive: true });
  await options.at?.evaluate(el => el.scrollIntoView({ block: 'start' }));
  await page.screenshot({
    path: join(screenshotDir, `${name}.png`),
    fullPage: options.fullPage ?? false,
    // Transitions (the traffic bar's width) end before the picture is taken.
    animations: 'disabled',
  });
}
