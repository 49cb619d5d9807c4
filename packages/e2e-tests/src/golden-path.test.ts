import { Browser, Page } from 'playwright-core';
import { launchBrowser, screenshot, signedInPage } from './browser';
import { buildApp, Stack, startStack } from './stack';

// Builds the app and boots the demo stack before the browser runs.
jest.setTimeout(180_000);

// The golden path as a person walks it, on one demo stack: the catalog, the
// CI/CD tab of the demo services, and the create-component wizard. The
// emulator runs on a manual clock: the tests move time, and the page's own
// polling shows what happened. The journeys share the clock, so they run in
// the order written.
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

/** Runs a step; on failure saves what the page showed, for the CI log's reader. */
async function shown(name: string, step: () => Promise<unknown>) {
  try {
    await step();
  } catch (e) {
    await screenshot(page, `failed-${name}`, { fullPage: true });
    throw e;
  }
}

async function openCicd(service: string) {
  await page.goto(`${stack.url}/catalog/default/component/${service}/ci-cd`);
  await shown(service, () =>
    page.getByText(`Pipeline ${service}`, { exact: true }).first().waitFor(),
  );
}

async function api(path: string, init: RequestInit = {}) {
  return fetch(`${stack.url}/api/${path}`, {
    ...init,
    headers: {
      authorization: `Bearer ${await stack.guestToken()}`,
      'content-type': 'application/json',
    },
  });
}

/** The heading of a deployment group's panel, to scroll screenshots to. */
const deployments = (group: string) =>
  page.getByText(`Deployments of ${group}`, { exact: true }).first();

const productionTraffic = (percent?: number) =>
  page
    .locator(
      `[role="meter"][aria-label="Production traffic"]${
        percent === undefined ? '' : `[aria-valuenow="${percent}"]`
      }`,
    )
    .first();

/** The emulator's latest deployment of a CodeDeploy application. */
function latestDeployment(application: string) {
  const all = [
    ...stack.emulator.state.simulation.partition().deployments.values(),
  ].filter(d => d.info.applicationName === application);
  return all.sort(
    (a, b) => b.info.createTime.getTime() - a.info.createTime.getTime(),
  )[0];
}

describe('the catalog', () => {
  it("shows this repo's component, and its CI/CD tab says which annotations to add", async () => {
    await page.goto(`${stack.url}/catalog/default/component/liftoff/ci-cd`);
    await shown('liftoff', () =>
      page.getByText('No AWS CI/CD annotations on this entity').waitFor(),
    );
    await expect(
      page
        .getByText('aws.amazon.com/aws-codepipeline-arn', { exact: false })
        .count(),
    ).resolves.toBeGreaterThan(0);
    await screenshot(page, 'missing-annotations');
  });
});

describe('the CI/CD tab of the demo services', () => {
  it('shows a canary mid-shift, and its traffic bar moves as the clock advances', async () => {
    await openCicd('payments-api');
    await expect(
      productionTraffic().getAttribute('aria-valuetext'),
    ).resolves.toMatch(/^10% to version \d+, 90% to version \d+$/);
    await screenshot(page, 'canary-mid-shift', {
      at: deployments('payments-api-production'),
    });

    // Five simulated minutes later CodeDeploy shifts the rest; the page's
    // own polling picks it up.
    const canary = latestDeployment('payments-api');
    await stack.emulator.advanceUntil(
      () => canary.target.lambda?.targetVersionWeight === 1,
      { step: 15, maxSeconds: 900, what: 'the payments-api shift to 100%' },
    );
    await shown('canary-shifted', () =>
      productionTraffic(100).waitFor({ timeout: 30_000 }),
    );
    await screenshot(page, 'canary-shifted', {
      at: deployments('payments-api-production'),
    });
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
    await shown('checkout-web-production', () =>
      page
        .getByText(/CodeDeployToECS/)
        .locator('xpath=..')
        .getByText('In progress')
        .first()
        .waitFor({ timeout: 30_000 }),
    );
    await expect(
      page.getByRole('button', { name: 'Review' }).count(),
    ).resolves.toBe(0);
    await screenshot(page, 'approved-production-running');
  });

  it('continues a blue/green deployment waiting for rerouting, and production traffic flips', async () => {
    await openCicd('orders-service');
    // The replacement task set is up with test traffic; production is all on the original.
    await productionTraffic(0).waitFor();
    await page.getByText('Test traffic: to').first().waitFor();
    await screenshot(page, 'blue-green-ready-wait', {
      at: deployments('orders-service-production'),
    });

    await page.getByRole('button', { name: 'Reroute traffic now' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Reroute traffic now' }).click();
    await page
      .getByText('Rerouting production traffic to the replacement task set.')
      .waitFor();
    const deployment = latestDeployment('orders-service');
    expect(deployment.waiting).toBeUndefined();

    // The BeforeAllowTraffic hook runs, then traffic moves all at once.
    await stack.emulator.advanceUntil(
      () =>
        deployment.target.taskSets?.find(t => t.taskSetLabel === 'Green')
          ?.trafficWeight === 100,
      { step: 5, maxSeconds: 600, what: 'orders-service traffic on green' },
    );
    await shown('blue-green-flipped', () =>
      productionTraffic(100).waitFor({ timeout: 30_000 }),
    );
    await expect(
      productionTraffic().getAttribute('aria-valuetext'),
    ).resolves.toMatch(/^100% to /);
    await screenshot(page, 'blue-green-rerouted', {
      at: deployments('orders-service-production'),
    });
  });

  it('rolls back a canary when its alarm fires, and says which alarm', async () => {
    // A new commit runs through Build and Test into a fresh canary.
    stack.emulator.state.pushCommit('payments-api', {
      summary: 'Charge cards through the new acquirer',
    });
    const before = latestDeployment('payments-api')?.info.deploymentId;
    await stack.emulator.advanceUntil(
      () => {
        const d = latestDeployment('payments-api');
        return (
          d?.info.deploymentId !== before &&
          (d?.target.lambda?.targetVersionWeight ?? 0) > 0
        );
      },
      { step: 15, maxSeconds: 1800, what: 'the next payments-api canary' },
    );
    const canary = latestDeployment('payments-api');
    await openCicd('payments-api');
    await shown('alarm-canary', () =>
      productionTraffic(10).waitFor({ timeout: 30_000 }),
    );

    stack.emulator.state.setAlarmState(
      'payments-api-errors',
      'ALARM',
      'Threshold Crossed: 1 datapoint [7.0] was greater than the threshold (1.0).',
    );
    expect(canary.info.status).toBe('Stopped');
    await stack.emulator.clock.advance(5);

    // CodeDeploy stops the canary and deploys the previous version again;
    // the page names the rollback, the deployment it undoes and the alarm.
    const rollback = latestDeployment('payments-api');
    expect(rollback.isRollback).toBe(true);
    await shown('alarm-rollback', async () => {
      await page
        .getByText(`Deployment ${rollback.info.deploymentId} is a rollback`)
        .waitFor({ timeout: 30_000 });
      await page
        .getByText(
          `${canary.info.deploymentId}: Stopped because alarm payments-api-errors went into ALARM.`,
        )
        .waitFor();
      await page.getByText('Stopped, rolled back').first().waitFor();
    });
    await screenshot(page, 'canary-rolled-back', {
      at: deployments('payments-api-production'),
    });
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

    const res = await api(
      'aws-cicd/v1/entity/default/component/inventory-service/pipelines/inventory-service/executions',
      { method: 'POST', body: '{}' },
    );
    expect(res.status).toBe(403);
  });
});

describe('the create-component wizard', () => {
  it('creates a Lambda canary service with a custom canary, and the catalog has it with its annotations', async () => {
    await page.goto(`${stack.url}/create`);
    await page
      .getByText('Lambda canary service')
      .locator('xpath=ancestor::*[.//button[normalize-space()="Choose"]][1]')
      .getByRole('button', { name: 'Choose' })
      .click();
    await page.waitForURL(
      /\/create\/templates\/default\/lambda-canary-service/,
    );

    // The service
    await page.getByLabel('Name').fill('ledger-api');
    await page.getByLabel('Description').fill('Keeps the ledger of payments');
    await page.getByLabel('Owner').click();
    await page.getByRole('option', { name: 'team-payments' }).click();
    await page.getByRole('button', { name: 'Next' }).click();
    // The repository: a local git repository (the default)
    await page
      .getByLabel('Repository the pipeline will watch')
      .fill('acme/ledger-api');
    await page.getByRole('button', { name: 'Next' }).click();
    // AWS accounts
    await page.getByLabel('Staging account id').fill('123456789012');
    await page.getByLabel('Production account id').fill('210987654321');
    await page.getByRole('button', { name: 'Next' }).click();
    // Releasing: a custom canary
    await page
      .getByRole('button', { name: /Canary: 10% now, 100% after 5 min/ })
      .click();
    await page.getByRole('option', { name: /Custom canary/ }).click();
    // An out-of-range percentage is refused in the CLI's words, naming the value.
    const percentage = page.getByLabel('Percentage of traffic per shift');
    await percentage.fill('150');
    await page.getByLabel('Minutes between shifts').fill('15');
    await page.getByRole('button', { name: 'Review' }).click();
    // Under the field, and in the list at the top (which names the field).
    await shown('wizard-refused', () =>
      page.getByText('150 is not between 1 and 99', { exact: true }).waitFor(),
    );
    await expect(
      page.getByText(/^'Percentage.*' 150 is not between 1 and 99$/).count(),
    ).resolves.toBe(1);
    await screenshot(page, 'wizard-refused-percentage');
    await percentage.fill('25');
    await screenshot(page, 'wizard-custom-canary');
    await page.getByRole('button', { name: 'Review' }).click();
    await page.getByText('Keeps the ledger of payments').waitFor();
    await page.getByRole('button', { name: 'Create' }).click();

    // The task runs on the backend's scaffolder; its page follows the steps.
    await page.waitForURL(/\/create\/tasks\//);
    await shown('wizard-task', () =>
      page
        .getByText('Liftoff.LambdaCanary25Percent15Minutes', { exact: true })
        .waitFor({ timeout: 60_000 }),
    );
    // Publishing has the catalog read the new catalog-info.yaml at once.
    await page
      .getByText('component:default/ledger-api is in the catalog')
      .waitFor({ timeout: 60_000 });
    await screenshot(page, 'wizard-task-done');

    await page.getByRole('link', { name: /Open in the catalog/i }).click();
    await page.waitForURL(/\/catalog\/default\/component\/ledger-api/);
    await shown('wizard-entity', () =>
      page.getByText('Keeps the ledger of payments').first().waitFor(),
    );
    await expect(page.getByText('Entity not found').count()).resolves.toBe(0);

    const res = await api(
      'catalog/entities/by-name/component/default/ledger-api',
    );
    expect(res.status).toBe(200);
    const entity = (await res.json()) as {
      metadata: { annotations: Record<string, string> };
      spec: { owner: string };
    };
    expect(entity.spec.owner).toBe('group:default/team-payments');
    expect(entity.metadata.annotations).toMatchObject({
      'aws.amazon.com/aws-codepipeline-arn':
        'arn:aws:codepipeline:eu-west-1:210987654321:ledger-api',
    });
    expect(
      entity.metadata.annotations[
        'aws.amazon.com/aws-codedeploy-deployment-group-arn'
      ].split(','),
    ).toEqual([
      'arn:aws:codedeploy:eu-west-1:123456789012:deploymentgroup:ledger-api/ledger-api-staging',
      'arn:aws:codedeploy:eu-west-1:210987654321:deploymentgroup:ledger-api/ledger-api-production',
    ]);

    // Its CI/CD tab reads those ARNs; the stacks are not deployed, and each
    // section says what is wrong with it rather than leaving the page blank.
    await page.getByRole('link', { name: 'CI/CD' }).click();
    await page.getByText('Pipeline ledger-api', { exact: true }).waitFor();
    await page
      .getByText(/No usable AWS credentials for the pipeline ledger-api/)
      .waitFor();
  });
});
