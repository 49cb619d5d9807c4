import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { awsConsoleUrls } from '@liftoff/plugin-aws-cicd-common';
import {
  AwsClientFactory,
  describeAwsError,
  isThrottling,
  isTransient,
} from '@liftoff/plugin-aws-cicd-node';
import { parseOneDeploymentGroupArn, parseOnePipelineArn } from './aws';
import { DRY_RUN_EXECUTION_ID } from './codepipelineStart';
import { examples } from './codepipelineWait.examples';
import { ExecutionWatcher, failureMessage } from './executionWatcher';

/** @public */
export const CODEPIPELINE_WAIT_ACTION_ID = 'aws:codepipeline:wait';

/**
 * Time as the wait action sees it. The default is the wall clock; tests pass
 * one that moves the emulator's simulated clock instead of sleeping.
 * @public
 */
export interface WaitClock {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

const wallClock: WaitClock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason ?? new Error('Aborted'));
        return;
      }
      let timer: ReturnType<typeof setTimeout> | undefined = undefined;
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal?.reason ?? new Error('Aborted'));
      };
      timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
};

const TERMINAL = new Set([
  'Succeeded',
  'Failed',
  'Stopped',
  'Cancelled',
  'Superseded',
]);
const MAX_BACKOFF_SECONDS = 300;
/**
 * Waits for a CodePipeline execution to end, logging every stage and action
 * change and the traffic shifts of its CodeDeploy deployments. Fails the task
 * with the failing action's error, or on timeout.
 * @public
 */
export function createCodePipelineWaitAction(options: {
  clientFactory: AwsClientFactory;
  /** Defaults to the wall clock. */
  clock?: WaitClock;
}) {
  const { clientFactory, clock = wallClock } = options;
  return createTemplateAction({
    id: CODEPIPELINE_WAIT_ACTION_ID,
    description:
      'Waits until a CodePipeline execution ends, logging stage, action and deployment traffic changes as they happen; fails with the failing action’s error or on timeout.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        pipelineArn: z =>
          z
            .string()
            .describe(
              'ARN of the pipeline, arn:aws:codepipeline:<region>:<account-id>:<pipeline-name>',
            ),
        executionId: z =>
          z
            .string()
            .min(1)
            .describe(
              'The pipeline execution id, e.g. the executionId output of aws:codepipeline:start',
            ),
        timeoutMinutes: z =>
          z
            .number()
            .int()
            .min(1)
            .max(24 * 60)
            .optional()
            .describe(
              'Minutes to wait before failing the step (1-1440). Default 60',
            ),
        pollSeconds: z =>
          z
            .number()
            .int()
            .min(1)
            .max(300)
            .optional()
            .describe(
              'Seconds between polls (1-300). Default 15; doubled up to 5 minutes while AWS throttles',
            ),
        deploymentGroupArn: z =>
          z
            .string()
            .optional()
            .describe(
              'CodeDeploy deployment group of the Deploy stage, to follow Lambda traffic shifts run by CloudFormation (ECS deployments are found from the pipeline action)',
            ),
      },
      output: {
        status: z =>
          z
            .string()
            .describe(
              "Final execution status: Succeeded ('DryRun' in a dry run); any other status fails the step",
            ),
        executionUrl: z =>
          z.string().describe('AWS console link to the execution timeline'),
      },
    },
    async handler(ctx) {
      const { logger } = ctx;
      // The engine validates input against the JSON schema but applies no defaults.
      const input = {
        ...ctx.input,
        timeoutMinutes: ctx.input.timeoutMinutes ?? 60,
        pollSeconds: ctx.input.pollSeconds ?? 15,
      };
      const pipeline = parseOnePipelineArn(input.pipelineArn);
      const group = input.deploymentGroupArn
        ? parseOneDeploymentGroupArn(input.deploymentGroupArn)
        : undefined;
      ctx.output(
        'executionUrl',
        awsConsoleUrls.execution(
          pipeline,
          pipeline.pipelineName,
          input.executionId,
        ),
      );
      if (ctx.isDryRun) {
        logger.info(
          `Dry run: would wait up to ${input.timeoutMinutes} min for execution ${input.executionId} of ${pipeline.pipelineName}`,
        );
        ctx.output('status', 'DryRun');
        return;
      }
      if (input.executionId === DRY_RUN_EXECUTION_ID) {
        throw new Error(
          `Execution id '${DRY_RUN_EXECUTION_ID}' comes from a dry run of aws:codepipeline:start; there is nothing to wait for`,
        );
      }

      const codePipeline = await clientFactory.codePipeline(pipeline);
      const watcher = new ExecutionWatcher(
        logger,
        pipeline,
        input.executionId,
        codePipeline,
        () => clientFactory.codeDeploy(group ?? pipeline),
        group,
        ctx.signal,
      );
      const deadline = clock.now() + input.timeoutMinutes * 60_000;
      let delaySeconds = input.pollSeconds;
      logger.info(
        `Waiting up to ${input.timeoutMinutes} min for execution ${input.executionId} of ${pipeline.pipelineName}`,
      );
      for (;;) {
        try {
          const { execution, actions } = await watcher.poll();
          const status = execution.status ?? 'Unknown';
          if (TERMINAL.has(status)) {
            if (status !== 'Succeeded') {
              throw new Error(
                failureMessage(pipeline, input.executionId, execution, actions),
              );
            }
            logger.info(
              `Pipeline ${pipeline.pipelineName} execution ${input.executionId} succeeded`,
            );
            ctx.output('status', status);
            return;
          }
          delaySeconds = input.pollSeconds;
        } catch (error) {
          if (isThrottling(error)) {
            delaySeconds = Math.min(delaySeconds * 2, MAX_BACKOFF_SECONDS);
            logger.warn(
              `AWS is throttling (${describeAwsError(error)}); next poll in ${delaySeconds} s`,
            );
          } else if (isTransient(error)) {
            logger.warn(
              `AWS call failed (${describeAwsError(error)}); trying again in ${delaySeconds} s`,
            );
          } else {
            throw error;
          }
        }
        if (clock.now() + delaySeconds * 1000 > deadline) {
          throw new Error(
            `Timed out after ${input.timeoutMinutes} min waiting for pipeline ${pipeline.pipelineName} execution ${input.executionId}; it is still running: ${awsConsoleUrls.execution(
              pipeline,
              pipeline.pipelineName,
              input.executionId,
            )}`,
          );
        }
        await clock.sleep(delaySeconds * 1000, ctx.signal);
      }
    },
  });
}
