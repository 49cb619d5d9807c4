import { Browser, chromium, Page } from 'playwright-core';
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

export async function screenshot(page: Page, name: string) {
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({
    path: join(screenshotDir, `${name}.png`),
    fullPage: true,
  });
}
