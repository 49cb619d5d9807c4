import {
  AwsEmulator,
  demoScenarioPath,
  startEmulator,
} from '@liftoff/aws-emulator';
import {
  DeliveryResponse,
  ExecutionsPage,
} from '@liftoff/plugin-aws-cicd-common';
import {
  PluginBackend,
  entityPath,
  startPluginBackend,
} from '../__testUtils__/backend';

jest.setTimeout(60_000);

describe("the first history page in /delivery's answer", () => {
  let aws: AwsEmulator;
  let app: PluginBackend;
  beforeEach(async () => {
    aws = await startEmulator({
      scenario: demoScenarioPath,
      clock: { mode: 'manual' },
    });
    app = await startPluginBackend({ aws });
    aws.calls.reset();
  });
  afterEach(async () => {
    await app?.stop();
    await aws?.stop();
  });

  it('is the executions route first page, from the one ListPipelineExecutions call of the pipeline', async () => {
    const path = entityPath('payments-api');
    const res = await app.get(`${path}/delivery`);
    expect(res.status).toBe(200);
    const body = res.body as DeliveryResponse;
    const history = body.pipelines[0].history!;
    expect(aws.calls.counts()['CodePipeline.ListPipelineExecutions']).toBe(1);
    expect(history.executions.length).toBeGreaterThan(1);
    expect(history.executions[0]).toEqual(
      body.pipelines[0].pipeline!.latestExecution,
    );

    const page = await app.get(`${path}/pipelines/payments-api/executions`);
    expect(page.status).toBe(200);
    expect(page.body as ExecutionsPage).toEqual(history);
  });

  it('puts durations on the clock of the answer, also from the cache', async () => {
    const path = entityPath('payments-api');
    const first = (await app.get(`${path}/delivery`)).body as DeliveryResponse;
    await aws.clock.advance(2);
    aws.calls.reset();
    const second = (await app.get(`${path}/delivery`)).body as DeliveryResponse;
    expect(aws.calls.counts()).toEqual({});
    const running = (d: DeliveryResponse) =>
      d.pipelines[0].history!.executions.find(e => e.status === 'InProgress')!;
    expect(running(second).durationSeconds).toBe(
      running(first).durationSeconds! + 2,
    );
  });
});
