import { LoggerService } from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import {
  ActionContext,
  TemplateAction,
} from '@backstage/plugin-scaffolder-node';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { JsonObject } from '@backstage/types';
import { validate } from 'jsonschema';
import yaml from 'yaml';
import { AwsEmulator, Scenario, startEmulator } from '@liftoff/aws-emulator';
import { DefaultAwsClientFactory } from '@liftoff/plugin-aws-cicd-node';
import { WaitClock } from '../actions';

export const ACCOUNT = '123456789012';
export const REGION = 'eu-west-1';
export const pipelineArn = (name: string) =>
  `arn:aws:codepipeline:${REGION}:${ACCOUNT}:${name}`;
export const deploymentGroupArn = (app: string) =>
  `arn:aws:codedeploy:${REGION}:${ACCOUNT}:deploymentgroup:${app}/${app}-production`;

/** One Lambda canary with alarms and rollback, one ECS canary; no history, no script. */
export function scenario(): Scenario {
  return {
    name: 'scaffolder-actions',
    seed: 11,
    account: ACCOUNT,
    region: REGION,
    services: [
      {
        name: 'canary-api',
        platform: 'lambda',
        deployment: {
          config: 'CodeDeployDefault.LambdaCanary10Percent5Minutes',
          alarms: ['canary-api-errors'],
          autoRollback: true,
          hooks: false,
        },
      },
      { name: 'payments-api', platform: 'lambda' },
      { name: 'orders-service', platform: 'ecs' },
      {
        name: 'ecs-web',
        platform: 'ecs',
        deployment: {
          config: 'CodeDeployDefault.ECSCanary10Percent5Minutes',
          terminationWait: 0,
          hooks: false,
        },
      },
    ],
  };
}

export async function startTestEmulator(): Promise<AwsEmulator> {
  return startEmulator({
    clock: { mode: 'manual', start: '2026-11-26T09:00:00Z' },
    scenario: scenario(),
  });
}

/** The backend's factory, configured the way the backend configures it, pointed at the emulator. */
export function clientFactoryFor(
  aws: AwsEmulator,
  options: { maxAttempts?: number } = {},
) {
  return DefaultAwsClientFactory.fromConfig(
    new ConfigReader({
      aws: {
        accounts: [
          {
            accountId: ACCOUNT,
            accessKeyId: 'AKIDTEST',
            secretAccessKey: 'secret',
          },
        ],
      },
      awsCicd: {
        endpoint: aws.url,
        client: { maxAttempts: options.maxAttempts ?? 1 },
      },
    }),
  );
}

/** Waits by moving the emulator's clock, so a 15 s poll takes no wall time. */
export function emulatorClock(
  aws: AwsEmulator,
  onSleep?: (ms: number) => void,
): WaitClock {
  return {
    now: () => aws.clock.now().getTime(),
    async sleep(ms) {
      onSleep?.(ms);
      await aws.clock.advance(ms / 1000);
    },
  };
}

export interface LogLine {
  level: 'error' | 'warn' | 'info' | 'debug';
  message: string;
}

export function recordingLogger(lines: LogLine[] = []): LoggerService & {
  lines: LogLine[];
  messages(level?: LogLine['level']): string[];
} {
  const logger = {
    lines,
    messages: (level?: LogLine['level']) =>
      lines.filter(l => !level || l.level === level).map(l => l.message),
    error: (message: string) => void lines.push({ level: 'error', message }),
    warn: (message: string) => void lines.push({ level: 'warn', message }),
    info: (message: string) => void lines.push({ level: 'info', message }),
    debug: (message: string) => void lines.push({ level: 'debug', message }),
    child: () => logger,
  };
  return logger;
}

export interface ActionRun {
  logger: ReturnType<typeof recordingLogger>;
  outputs: Record<string, any>;
  checkpoints: Map<string, unknown>;
  /** What the handler threw, if anything. */
  error?: Error;
}

/**
 * Runs an action the way the engine does: the input is checked against the
 * action's JSON schema first, then the handler runs with a mock context whose
 * checkpoints persist in `checkpoints` (pass them back in to model a retry).
 * The cast bridges the second, older plugin-scaffolder-node that the test
 * utils bring along.
 */
export async function runAction(
  action: TemplateAction<any, any, any>,
  input: JsonObject,
  options: Partial<ActionContext<any, any>> & {
    checkpoints?: Map<string, unknown>;
  } = {},
): Promise<ActionRun> {
  const { checkpoints = new Map<string, unknown>(), ...overrides } = options;
  const run: ActionRun = {
    logger: recordingLogger(),
    outputs: {},
    checkpoints,
  };
  const validation = validate(input, action.schema?.input ?? {});
  if (!validation.valid) {
    run.error = new Error(
      `Invalid input passed to action ${action.id}, ${validation.errors.join(', ')}`,
    );
    return run;
  }
  // The mock context takes only some overrides; the rest are spread over it.
  const base = createMockActionContext({
    input,
    logger: run.logger,
    task: { id: 'task-1' },
    ...(overrides.workspacePath && { workspacePath: overrides.workspacePath }),
  } as any);
  const ctx = {
    ...base,
    step: { id: 'step-1', name: 'Step 1' },
    async checkpoint(opts: { key: string; fn: () => Promise<unknown> }) {
      if (!checkpoints.has(opts.key))
        checkpoints.set(opts.key, await opts.fn());
      return checkpoints.get(opts.key);
    },
    output: (name: string, value: unknown) => {
      run.outputs[name] = value;
    },
    ...overrides,
  } as unknown as ActionContext<any, any>;
  try {
    await action.handler(ctx);
  } catch (error) {
    run.error = error as Error;
  }
  return run;
}

/**
 * Runs the steps of an action example in order, as the engine would: each
 * step's `${{ steps.<id>.output.<name> }}` inputs get the earlier outputs.
 */
export async function runExample(
  example: string,
  actions: TemplateAction<any, any, any>[],
  options: Partial<ActionContext<any, any>> = {},
): Promise<Array<ActionRun & { stepId: string }>> {
  const { steps } = yaml.parse(example) as {
    steps: Array<{ id: string; action: string; input: JsonObject }>;
  };
  const outputs: Record<string, Record<string, any>> = {};
  const render = (value: unknown): any => {
    if (typeof value === 'string') {
      const m = /^\$\{\{\s*steps\.([\w-]+)\.output\.(\w+)\s*\}\}$/.exec(value);
      return m ? outputs[m[1]]?.[m[2]] : value;
    }
    if (Array.isArray(value)) return value.map(render);
    if (value && typeof value === 'object') {
      return Object.fromEntries(
        Object.entries(value).map(([k, v]) => [k, render(v)]),
      );
    }
    return value;
  };
  const runs: Array<ActionRun & { stepId: string }> = [];
  for (const step of steps) {
    const action = actions.find(a => a.id === step.action);
    if (!action)
      throw new Error(`No action ${step.action} for step ${step.id}`);
    const run = await runAction(action, render(step.input), options);
    outputs[step.id] = run.outputs;
    runs.push({ ...run, stepId: step.id });
    if (run.error) break;
  }
  return runs;
}
