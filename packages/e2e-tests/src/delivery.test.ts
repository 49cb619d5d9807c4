import { Browser, Page } from 'playwright-core';
import { launchBrowser, screenshot, signedInPage } from './browser';
import { buildApp, Stack, startStack } from './stack';

// Builds the app and boots the demo stack before the browser runs.
jest.setTimeout(180_000);

// The demo's journeys on its CI/CD tabs. The emulator runs on a manual clock:
// the tests move time, the page's own polling shows what happened.
let stack: Stack;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  buildApp();
  [stack, browser] = await Promise.all([startStack(), launchBrowser()]);
  page = await signedInPage(browser, stack.url);
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

async function openCicd(service: string) {
  await page.goto(`${stack.url}/catalog/default/component/${service}/ci-cd`);
  try {
    await page
      .getByText(`Pipeline ${service}`, { exact: true })
      .first()
      .waitFor();
  } catch (e) {
    await screenshot(page, `failed-${service}`);
    throw e;
  }
}

const productionTraffic = (percent?: number) =>
  page
    .locator(
      `[role="meter"][aria-label="Production traffic"]${
        percent === undefined ? '' : `[aria-valuenow="${percent}"]`
      }`,
    )
    .first();

/**
 * Moves the emulator's clock in steps until the page shows `percent` of
 * production traffic on the new version. The emulator's manual clock stands
 * still while the backend's countdowns follow wall time, so the shift is found
 * by stepping, each step left on screen for the page's own refresh.
 */
async function advanceUntilTraffic(percent: number, firstStep: number) {
  await stack.emulator.clock.advance(firstStep);
  for (let step = 0; step < 20; step++) {
    const shown = await productionTraffic(percent)
      .waitFor({ timeout: 8_000 })
      .then(
        () => true,
        () => false,
      );
    if (shown) return;
    await stack.emulator.clock.advance(15);
  }
  throw new Error(`the page never showed ${percent}% production traffic`);
}

describe('the CI/CD tab of the demo services', () => {
  it('shows a canary mid-shift, and its traffic bar moves as the clock advances', async () => {
    await openCicd('payments-api');
    await expect(
      productionTraffic().getAttribute('aria-valuetext'),
    ).resolves.toMatch(/^10% to version \d+, 90% to version \d+$/);
    await screenshot(page, 'canary-mid-shift');

    const res = await fetch(
      `${stack.url}/api/aws-cicd/v1/entity/default/component/payments-api/delivery`,
      { headers: { authorization: `Bearer ${await stack.guestToken()}` } },
    );
    const body = (await res.json()) as {
      deploymentGroups: {
        group?: { current?: { nextShiftInSeconds?: number } };
      }[];
    };
    const nextShift =
      body.deploymentGroups[0].group?.current?.nextShiftInSeconds;
    expect(nextShift).toBeGreaterThan(0);
    // Short of the shift (the emulator's clock lags the backend's), then in steps.
    await advanceUntilTraffic(100, Math.max(0, nextShift! - 5));
    await screenshot(page, 'canary-shifted');
  });

  it('approves a waiting manual approval, and the pipeline proceeds to Production', async () => {
    await openCicd('checkout-web');
    await page.getByRole('button', { name: 'Review' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(/Comment/).fill('Checked on staging');
    await screenshot(page, 'approval-dialog');
    await dialog.getByRole('button', { name: 'Approve' }).click();
    await page.getByText(/Approved\. checkout-web continues/).waitFor();
    await stack.emulator.clock.advance(5);
    // The Production stage runs now: its deploy action is in progress.
    await page
      .getByText(/CodeDeployToECS/)
      .locator('xpath=..')
      .getByText('In progress')
      .first()
      .waitFor({ timeout: 30_000 });
    await expect(
      page.getByRole('button', { name: 'Review' }).count(),
    ).resolves.toBe(0);
    await screenshot(page, 'approved-production-running');
  });

  it("hides write actions on another team's service, and the API refuses them", async () => {
    await openCicd('inventory-service');
    await page.getByText('Failed').first().waitFor();
    await expect(
      page.getByRole('button', { name: 'Retry stage' }).count(),
    ).resolves.toBe(0);
    await expect(
      page.getByRole('button', { name: 'Release change' }).count(),
    ).resolves.toBe(0);

    const res = await fetch(
      `${stack.url}/api/aws-cicd/v1/entity/default/component/inventory-service/pipelines/inventory-service/executions`,
      {
        method: 'POST',
        headers: {
          authorization: `Bearer ${await stack.guestToken()}`,
          'content-type': 'application/json',
        },
        body: '{}',
      },
    );
    expect(res.status).toBe(403);
  });
});
