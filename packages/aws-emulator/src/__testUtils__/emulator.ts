import { request, Agent } from 'node:http';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { CodeBuildClient } from '@aws-sdk/client-codebuild';
import { CodeDeployClient } from '@aws-sdk/client-codedeploy';
import { CodePipelineClient } from '@aws-sdk/client-codepipeline';
import { AwsEmulator, EmulatorOptions, startEmulator } from '../emulator';
import { testScenario } from './scenario';

export const TEST_CREDENTIALS = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'secret',
};

export interface TestEmulator {
  emulator: AwsEmulator;
  codepipeline: CodePipelineClient;
  codedeploy: CodeDeployClient;
  codebuild: CodeBuildClient;
  cloudwatch: CloudWatchClient;
  advanceUntil: AwsEmulator['advanceUntil'];
  /** Raw HTTP to the emulator (for malformed requests and the admin routes). */
  raw(options: {
    method?: string;
    path?: string;
    headers?: Record<string, string>;
    body?: string;
  }): Promise<RawResponse>;
  stop(): Promise<void>;
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  json(): any;
}

/** Starts an emulator (manual clock, the test scenario unless given) and SDK v3 clients pointed at it. */
export async function startTestEmulator(
  options: EmulatorOptions = {},
): Promise<TestEmulator> {
  const emulator = await startEmulator({
    clock: { mode: 'manual', start: '2026-11-26T09:00:00Z' },
    scenario: testScenario(),
    ...options,
  });
  const config = {
    endpoint: emulator.url,
    region: 'eu-west-1',
    credentials: TEST_CREDENTIALS,
    maxAttempts: 1,
  };
  const codepipeline = new CodePipelineClient(config);
  const codedeploy = new CodeDeployClient(config);
  const codebuild = new CodeBuildClient(config);
  const cloudwatch = new CloudWatchClient(config);
  const agent = new Agent({ keepAlive: false });
  const url = new URL(emulator.url);

  return {
    emulator,
    codepipeline,
    codedeploy,
    codebuild,
    cloudwatch,
    advanceUntil: (done, stepping) => emulator.advanceUntil(done, stepping),
    raw({ method = 'POST', path = '/', headers = {}, body = '' }) {
      return new Promise((resolve, reject) => {
        const req = request(
          {
            host: url.hostname,
            port: url.port,
            method,
            path,
            headers: { 'content-length': Buffer.byteLength(body), ...headers },
            agent,
          },
          res => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => {
              const text = Buffer.concat(chunks).toString('utf8');
              resolve({
                status: res.statusCode ?? 0,
                headers: res.headers,
                body: text,
                json: () => JSON.parse(text),
              });
            });
          },
        );
        req.on('error', reject);
        req.end(body);
      });
    },
    async stop() {
      codepipeline.destroy();
      codedeploy.destroy();
      codebuild.destroy();
      cloudwatch.destroy();
      agent.destroy();
      await emulator.stop();
    },
  };
}
