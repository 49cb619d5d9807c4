/*
 * lambda-canary-service x every predefined Lambda configuration + a custom
 * canary + a custom linear, and the custom canary in every account/region
 * topology: rendered by the liftoff runner, then the generated repository's
 * own lint, tests and offline `cdk synth`.
 */
import {
  expectAlarmRollback,
  expectDeploymentConfig,
  one,
  resourcesOf,
  stageActions,
  stageNames,
  stacksOf,
} from './assertions';
import { lambdaCases, selectCases } from './cases';
import { describeMatrix } from './matrix';
import { expectSingleEnvironmentPipeline } from './topology';

describeMatrix(
  'lambda-canary-service',
  selectCases(lambdaCases),
  result => {
    test('both stages use the chosen deployment configuration, alarms roll back', () => {
      const { staging, production } = stacksOf(result());
      const v = result().case.values as Record<string, number>;
      for (const template of [staging, production]) {
        const group = expectDeploymentConfig(result(), template, 'Lambda');
        const alarms = expectAlarmRollback(template, group, 3);
        const byMetric = Object.fromEntries(
          alarms.map(a => [a.Properties.MetricName, a.Properties]),
        );
        expect(byMetric.Errors).toMatchObject({
          Threshold: v.alarmErrors,
          Statistic: 'Sum',
        });
        expect(byMetric.Duration).toMatchObject({
          Threshold: v.alarmP99LatencyMs,
          ExtendedStatistic: 'p99',
        });
        expect(byMetric.Throttles).toMatchObject({
          Threshold: v.alarmThrottles,
          Statistic: 'Sum',
        });
        // Every alarm watches the live alias.
        for (const alarm of alarms) {
          expect(JSON.stringify(alarm.Properties.Dimensions)).toContain(
            ':live',
          );
        }
      }
    });

    test('the live alias is released by CodeDeploy with PreTraffic and PostTraffic hooks that report back', () => {
      const { staging } = stacksOf(result());
      const alias = one(resourcesOf(staging, 'AWS::Lambda::Alias'), 'alias');
      expect(alias.Properties.Name).toBe('live');
      const update = alias.UpdatePolicy.CodeDeployLambdaAliasUpdate;
      const functions = new Set(
        resourcesOf(staging, 'AWS::Lambda::Function').map(f => f.logicalId),
      );
      for (const hook of [
        update.BeforeAllowTrafficHook,
        update.AfterAllowTrafficHook,
      ]) {
        expect(functions.has(hook.Ref)).toBe(true);
        const role =
          staging.Resources[hook.Ref].Properties.Role['Fn::GetAtt'][0];
        const policies = resourcesOf(staging, 'AWS::IAM::Policy').filter(p =>
          p.Properties.Roles.some((r: { Ref: string }) => r.Ref === role),
        );
        expect(JSON.stringify(policies)).toContain(
          'codedeploy:PutLifecycleEventHookExecutionStatus',
        );
        expect(JSON.stringify(policies)).toContain('lambda:InvokeFunction');
      }
      const group = one(
        resourcesOf(staging, 'AWS::CodeDeploy::DeploymentGroup'),
        'deployment group',
      );
      expect(update.DeploymentGroupName).toEqual({ Ref: group.logicalId });
    });

    test('the pipeline runs Source, Build, Test, Production', () => {
      const { pipeline } = stacksOf(result());
      expect(stageNames(pipeline)).toEqual([
        'Source',
        'Build',
        'Test',
        'Production',
      ]);
      expect(
        stageActions(pipeline, 'Test').map(a => [a.Name, a.RunOrder]),
      ).toEqual([
        ['DeployStaging', 1],
        ['IntegrationTests', 2],
      ]);
      const production = stageActions(pipeline, 'Production').map(a => a.Name);
      expect(production).toEqual(
        result().case.values.manualApproval
          ? ['Approve', 'DeployProduction']
          : ['DeployProduction'],
      );
    });
  },
  result => {
    test("every action runs in the pipeline's account and region: one artifact store, no action role elsewhere", () => {
      expectSingleEnvironmentPipeline(result());
    });
  },
);
