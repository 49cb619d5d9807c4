/*
 * ecs-bluegreen-service x every predefined ECS configuration + a custom
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
import { ecsCases, selectCases } from './cases';
import { describeMatrix } from './matrix';
import { expectEcsDeployActions } from './topology';

describeMatrix(
  'ecs-bluegreen-service',
  selectCases(ecsCases),
  result => {
    test('both stages: blue/green with the chosen configuration, waits, alarms that roll back', () => {
      const { staging, production } = stacksOf(result());
      const v = result().case.values as Record<string, number>;
      for (const template of [staging, production]) {
        const group = expectDeploymentConfig(result(), template, 'ECS');
        expect(group.Properties.DeploymentStyle).toEqual({
          DeploymentOption: 'WITH_TRAFFIC_CONTROL',
          DeploymentType: 'BLUE_GREEN',
        });
        expect(group.Properties.BlueGreenDeploymentConfiguration).toEqual({
          DeploymentReadyOption: {
            ActionOnTimeout: 'STOP_DEPLOYMENT',
            WaitTimeInMinutes: v.approvalWaitMinutes,
          },
          TerminateBlueInstancesOnDeploymentSuccess: {
            Action: 'TERMINATE',
            TerminationWaitTimeInMinutes: v.terminationWaitMinutes,
          },
        });
        const alarms = expectAlarmRollback(template, group, 3);
        const unhealthy = alarms.filter(
          a => a.Properties.MetricName === 'UnHealthyHostCount',
        );
        expect(unhealthy.map(a => a.Properties.Threshold)).toEqual([
          v.alarmUnhealthyHosts,
          v.alarmUnhealthyHosts,
        ]);
        const http5xx = one(
          alarms.filter(a => a.Properties.Metrics),
          '5xx alarm',
        );
        expect(http5xx.Properties.Threshold).toBe(v.alarm5xx);
        expect(JSON.stringify(http5xx.Properties.Metrics)).toContain(
          'HTTPCode_Target_5XX_Count',
        );
        expect(JSON.stringify(http5xx.Properties.Metrics)).toContain(
          'HTTPCode_ELB_5XX_Count',
        );
      }
    });

    test('the ECS service is on the CODE_DEPLOY controller, with a production listener and a test listener on 9000', () => {
      const { staging } = stacksOf(result());
      const service = one(
        resourcesOf(staging, 'AWS::ECS::Service'),
        'ECS service',
      );
      expect(service.Properties.DeploymentController).toEqual({
        Type: 'CODE_DEPLOY',
      });
      const listeners = resourcesOf(
        staging,
        'AWS::ElasticLoadBalancingV2::Listener',
      );
      const byPort = Object.fromEntries(
        listeners.map(l => [l.Properties.Port, l.logicalId]),
      );
      expect(Object.keys(byPort).sort()).toEqual(['80', '9000']);
      const targetGroups = resourcesOf(
        staging,
        'AWS::ElasticLoadBalancingV2::TargetGroup',
      );
      expect(targetGroups).toHaveLength(2);
      const group = one(
        resourcesOf(staging, 'AWS::CodeDeploy::DeploymentGroup'),
        'deployment group',
      );
      const [pair] = group.Properties.LoadBalancerInfo.TargetGroupPairInfoList;
      expect(pair.ProdTrafficRoute.ListenerArns).toEqual([
        { Ref: byPort['80'] },
      ]);
      expect(pair.TestTrafficRoute.ListenerArns).toEqual([
        { Ref: byPort['9000'] },
      ]);
      expect(
        pair.TargetGroups.map((t: any) => t.Name['Fn::GetAtt'][0]).sort(),
      ).toEqual(targetGroups.map(t => t.logicalId).sort());
    });

    test('appspec.yaml names the AfterAllowTestTraffic hook, which tests port 9000 and reports back', () => {
      const { staging } = stacksOf(result());
      const appSpec = JSON.stringify(staging.Outputs!.AppSpecTemplate.Value);
      const hookId = /AfterAllowTestTraffic\\":\\"",\{"Ref":"(\w+)"\}/.exec(
        appSpec,
      )?.[1];
      expect(hookId).toBeDefined();
      const hook = staging.Resources[hookId!];
      expect(hook.Type).toBe('AWS::Lambda::Function');
      expect(
        JSON.stringify(hook.Properties.Environment.Variables.TEST_URL),
      ).toContain(':9000/');
      const role = hook.Properties.Role['Fn::GetAtt'][0];
      const policies = resourcesOf(staging, 'AWS::IAM::Policy').filter(p =>
        p.Properties.Roles.some((r: { Ref: string }) => r.Ref === role),
      );
      expect(JSON.stringify(policies)).toContain(
        'codedeploy:PutLifecycleEventHookExecutionStatus',
      );
      const taskDef = JSON.stringify(
        staging.Outputs!.TaskDefinitionTemplate.Value,
      );
      expect(taskDef).toContain('<IMAGE1_NAME>');
    });

    test('the pipeline runs Source, Build, Test, Production, deploying taskdef.json, appspec.yaml and imageDetail.json', () => {
      const { pipeline } = stacksOf(result());
      expect(stageNames(pipeline)).toEqual([
        'Source',
        'Build',
        'Test',
        'Production',
      ]);
      const build = one(stageActions(pipeline, 'Build'), 'build action');
      expect(build.OutputArtifacts!.map(a => a.Name)).toEqual([
        'BuildOutput',
        'ImageDetail',
      ]);
      expect(
        stageActions(pipeline, 'Test').map(a => [
          a.Name,
          a.ActionTypeId.Provider,
          a.RunOrder,
        ]),
      ).toEqual([
        ['StagingInfrastructure', 'CodeBuild', 1],
        ['DeployStaging', 'CodeDeployToECS', 2],
        ['IntegrationTests', 'CodeBuild', 3],
      ]);
      const production = stageActions(pipeline, 'Production');
      expect(production.map(a => a.Name)).toEqual([
        ...(result().case.values.manualApproval ? ['Approve'] : []),
        'ProductionInfrastructure',
        'DeployProduction',
      ]);
      for (const [stage, action, artifacts] of [
        ['Test', 'DeployStaging', 'StagingDeployArtifacts'],
        ['Production', 'DeployProduction', 'ProductionDeployArtifacts'],
      ]) {
        const deploy = stageActions(pipeline, stage).find(
          a => a.Name === action,
        )!;
        expect(deploy.Configuration).toMatchObject({
          TaskDefinitionTemplateArtifact: artifacts,
          TaskDefinitionTemplatePath: 'taskdef.json',
          AppSpecTemplateArtifact: artifacts,
          AppSpecTemplatePath: 'appspec.yaml',
          Image1ArtifactName: 'ImageDetail',
          Image1ContainerName: 'IMAGE1_NAME',
        });
      }
    });
  },
  result => {
    test('the CodeDeployToECS actions reach staging and production with roles and artifact stores where they are', () => {
      expectEcsDeployActions(result());
    });
  },
);
