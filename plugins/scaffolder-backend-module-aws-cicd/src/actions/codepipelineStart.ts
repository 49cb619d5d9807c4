import { createHash } from 'node:crypto';
import { StartPipelineExecutionCommand } from '@aws-sdk/client-codepipeline';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { AwsClientFactory } from '@liftoff/plugin-aws-cicd-node';
import { awsConsoleUrls } from '@liftoff/plugin-aws-cicd-common';
import { parseOnePipelineArn } from './aws';
import { examples } from './codepipelineStart.examples';

/** @public */
export const CODEPIPELINE_START_ACTION_ID = 'aws:codepipeline:start';

/** The execution id a dry run reports; nothing was started. */
export const DRY_RUN_EXECUTION_ID = 'dry-run-execution';

/**
 * Starts a CodePipeline execution. The region and account come from the
 * pipeline ARN; the client from the shared {@link AwsClientFactory}.
 * @public
 */
export function createCodePipelineStartAction(options: {
  clientFactory: AwsClientFactory;
}) {
  const { clientFactory } = options;
  return createTemplateAction({
    id: CODEPIPELINE_START_ACTION_ID,
    description:
      'Starts an execution of a CodePipeline pipeline and outputs its id and console links.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        pipelineArn: z =>
          z
            .string()
            .describe(
              'ARN of the pipeline, arn:aws:codepipeline:<region>:<account-id>:<pipeline-name>; the region and account are taken from it',
            ),
        variables: z =>
          z
            .record(z.string())
            .optional()
            .describe(
              'Pipeline-level variables (V2 pipelines) by name; only variables the pipeline declares are accepted',
            ),
        reason: z =>
          z
            .string()
            .optional()
            .describe('Why the execution is started, written to the task log'),
      },
      output: {
        executionId: z =>
          z
            .string()
            .describe(
              `The pipeline execution id ('${DRY_RUN_EXECUTION_ID}' in a dry run)`,
            ),
        pipelineName: z =>
          z.string().describe('Name of the pipeline, from the ARN'),
        region: z =>
          z.string().describe('Region of the pipeline, from the ARN'),
        executionUrl: z =>
          z.string().describe('AWS console link to the execution timeline'),
        pipelineUrl: z =>
          z.string().describe('AWS console link to the pipeline'),
      },
    },
    async handler(ctx) {
      const ref = parseOnePipelineArn(ctx.input.pipelineArn);
      const variables = Object.entries(ctx.input.variables ?? {}).map(
        ([name, value]) => ({ name, value }),
      );
      let executionId: string;
      if (ctx.isDryRun) {
        ctx.logger.info(
          `Dry run: would start an execution of ${ref.pipelineName} in ${ref.region} (account ${ref.accountId})`,
        );
        executionId = DRY_RUN_EXECUTION_ID;
      } else {
        // The same task step always sends the same token, so even a retry that
        // lost its checkpoint does not start a second execution.
        const clientRequestToken = createHash('sha256')
          .update(`${ctx.task.id}\0${ctx.step?.id ?? ''}\0${ref.arn}`)
          .digest('hex')
          .slice(0, 64);
        executionId = await ctx.checkpoint({
          key: `aws.codepipeline.start.${ref.arn}`,
          fn: async () => {
            const client = await clientFactory.codePipeline(ref);
            const response = await client.send(
              new StartPipelineExecutionCommand({
                name: ref.pipelineName,
                variables: variables.length > 0 ? variables : undefined,
                clientRequestToken,
              }),
              { abortSignal: ctx.signal },
            );
            return response.pipelineExecutionId!;
          },
        });
        ctx.logger.info(
          `Started execution ${executionId} of ${ref.pipelineName}${
            ctx.input.reason ? `: ${ctx.input.reason}` : ''
          }`,
        );
      }
      ctx.output('executionId', executionId);
      ctx.output('pipelineName', ref.pipelineName);
      ctx.output('region', ref.region);
      ctx.output(
        'executionUrl',
        awsConsoleUrls.execution(ref, ref.pipelineName, executionId),
      );
      ctx.output('pipelineUrl', awsConsoleUrls.pipeline(ref, ref.pipelineName));
    },
  });
}
