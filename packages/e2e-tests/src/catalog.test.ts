import { Browser } from 'playwright-core';
import { launchBrowser, screenshot, signedInPage } from './browser';
import { buildApp, Stack, startStack } from './stack';

// Builds the app and boots the demo stack before the browser runs.
jest.setTimeout(180_000);

let stack: Stack;
let browser: Browser;

beforeAll(async () => {
  buildApp();
  [stack, browser] = await Promise.all([startStack(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('the demo catalog', () => {
  it("shows this repo's component, and its CI/CD tab says which annotations to add", async () => {
    const page = await signedInPage(browser, stack.url);
    await page.goto(`${stack.url}/catalog/default/component/liftoff/ci-cd`);
    await page.getByText('No AWS CI/CD annotations on this entity').waitFor();
    await expect(
      page
        .getByText('aws.amazon.com/aws-codepipeline-arn', { exact: false })
        .count(),
    ).resolves.toBeGreaterThan(0);
    await screenshot(page, 'missing-annotations');
    await page.close();
  });
});
