import {
  AwsEmulator,
  demoScenarioPath,
  startEmulator,
} from '@liftoff/aws-emulator';
import {
  CodeDeployClient,
  GetDeploymentConfigCommand,
} from '@aws-sdk/client-codedeploy';
import { PREDEFINED } from '@liftoff/plugin-aws-cicd-common';
import { predefinedDeploymentConfig } from './predefinedConfigs';
import { toTrafficRouting } from './deployments';

jest.setTimeout(60_000);

const NAMES = PREDEFINED.flatMap(p => Object.values(p.names));

describe('predefined deployment configurations', () => {
  let aws: AwsEmulator;
  let client: CodeDeployClient;
  beforeAll(async () => {
    aws = await startEmulator({
      scenario: demoScenarioPath,
      clock: { mode: 'manual' },
    });
    client = new CodeDeployClient({
      endpoint: aws.url,
      region: 'eu-west-1',
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
    });
  });
  afterAll(async () => {
    client?.destroy();
    await aws?.stop();
  });

  it('knows every CodeDeployDefault Lambda and ECS name, nothing else', () => {
    expect(NAMES.length).toBeGreaterThan(10);
    for (const name of NAMES) {
      expect(predefinedDeploymentConfig(name)?.deploymentConfigName).toBe(name);
    }
    expect(
      predefinedDeploymentConfig('payments-canary-custom'),
    ).toBeUndefined();
    expect(
      predefinedDeploymentConfig('CodeDeployDefault.OneAtATime'),
    ).toBeUndefined();
  });

  it.each(NAMES)('gives %s the traffic plan AWS describes', async name => {
    const output = await client.send(
      new GetDeploymentConfigCommand({ deploymentConfigName: name }),
    );
    expect(toTrafficRouting(predefinedDeploymentConfig(name)!)).toEqual(
      toTrafficRouting(output.deploymentConfigInfo!),
    );
  });
});
