import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { examples } from './deploymentStrategy.examples';
import {
  INTERVAL_MINUTES_RANGE,
  PERCENTAGE_RANGE,
  resolveDeploymentStrategy,
} from '@liftoff/plugin-aws-cicd-common';

/** @public */
export const DEPLOYMENT_STRATEGY_RESOLVE_ACTION_ID =
  'liftoff:deployment-strategy:resolve';

/**
 * Turns the wizard's deployment strategy into what the CDK code needs: a
 * predefined CodeDeploy configuration or a custom traffic routing, and a
 * timeline of the traffic shifts. Pure computation, so dry runs do the same.
 * @public
 */
export function createDeploymentStrategyResolveAction() {
  return createTemplateAction({
    id: DEPLOYMENT_STRATEGY_RESOLVE_ACTION_ID,
    description:
      'Resolves a deployment strategy (a predefined CodeDeploy configuration by a plain-language name, or a custom canary / linear shift) to the configuration name or traffic routing for CDK, with a readable timeline.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        platform: z =>
          z
            .enum(['lambda', 'ecs'])
            .describe(
              'Compute platform of the deployment group: lambda or ecs',
            ),
        strategy: z =>
          z
            .string()
            .min(1)
            .describe(
              "A predefined configuration by a plain-language id (all-at-once, canary-10-percent-5-minutes, linear-10-percent-every-1-minute, ...) or by its CodeDeploy name (CodeDeployDefault.LambdaCanary10Percent5Minutes), or 'canary' / 'linear' for a custom shift with percentage and intervalMinutes",
            ),
        percentage: z =>
          z
            .number()
            .optional()
            .describe(
              `Custom strategies only: the percentage of traffic of the first (canary) or each (linear) shift, a whole number from ${PERCENTAGE_RANGE.min} to ${PERCENTAGE_RANGE.max}`,
            ),
        intervalMinutes: z =>
          z
            .number()
            .optional()
            .describe(
              `Custom strategies only: minutes between shifts, a whole number from ${INTERVAL_MINUTES_RANGE.min} to ${INTERVAL_MINUTES_RANGE.max}`,
            ),
      },
      output: {
        type: z =>
          z
            .enum(['AllAtOnce', 'TimeBasedCanary', 'TimeBasedLinear'])
            .describe('CodeDeploy traffic routing type'),
        predefined: z =>
          z
            .boolean()
            .describe(
              'True when CodeDeploy predefines the configuration, so the CDK code references it instead of creating one',
            ),
        deploymentConfigName: z =>
          z
            .string()
            .describe(
              'CodeDeployDefault.* name of a predefined configuration, or a suggested name (Liftoff.*) for a custom one',
            ),
        cdkExpression: z =>
          z
            .string()
            .describe(
              'aws-cdk-lib TypeScript expression for the configuration, e.g. LambdaDeploymentConfig.CANARY_10PERCENT_5MINUTES',
            ),
        percentage: z =>
          z
            .number()
            .optional()
            .describe(
              'Percentage of the first or each shift (absent for all-at-once)',
            ),
        intervalMinutes: z =>
          z
            .number()
            .optional()
            .describe('Minutes between shifts (absent for all-at-once)'),
        shifts: z =>
          z
            .array(
              z.object({
                atMinute: z.number().describe('Minutes after the shift starts'),
                percentage: z
                  .number()
                  .describe('Traffic on the new version from then on'),
              }),
            )
            .describe('Every traffic shift, in order'),
        totalMinutes: z =>
          z
            .number()
            .describe(
              'Minutes from the first shift to 100% on the new version',
            ),
        timeline: z =>
          z
            .string()
            .describe('The shifts in words, e.g. "10% now, 100% after 5 min"'),
      },
    },
    async handler(ctx) {
      let choice = ctx.input;
      const custom = ['canary', 'linear'].includes(choice.strategy.trim());
      if (
        !custom &&
        (choice.percentage !== undefined ||
          choice.intervalMinutes !== undefined)
      ) {
        // A wizard may keep the custom fields' values after the user picked a
        // predefined strategy: they do not apply, so they are dropped, not refused.
        ctx.logger.warn(
          `Ignoring percentage / intervalMinutes: '${choice.strategy}' is a predefined configuration`,
        );
        choice = {
          ...choice,
          percentage: undefined,
          intervalMinutes: undefined,
        };
      }
      const resolved = resolveDeploymentStrategy(choice);
      ctx.logger.info(
        `Deployment strategy: ${resolved.deploymentConfigName} (${resolved.timeline})`,
      );
      ctx.output('type', resolved.type);
      ctx.output('predefined', resolved.predefined);
      ctx.output('deploymentConfigName', resolved.deploymentConfigName);
      ctx.output('cdkExpression', resolved.cdkExpression);
      if (resolved.percentage !== undefined) {
        ctx.output('percentage', resolved.percentage);
      }
      if (resolved.intervalMinutes !== undefined) {
        ctx.output('intervalMinutes', resolved.intervalMinutes);
      }
      ctx.output('shifts', resolved.shifts);
      ctx.output('totalMinutes', resolved.totalMinutes);
      ctx.output('timeline', resolved.timeline);
    },
  });
}
