import { DescribeAlarmsCommand, MetricAlarm } from '@aws-sdk/client-cloudwatch';
import {
  BatchGetDeploymentsCommand,
  CodeDeployClient,
  DeploymentInfo,
  DeploymentTarget,
  GetDeploymentCommand,
  GetDeploymentConfigCommand,
  GetDeploymentGroupCommand,
  ListDeploymentsCommand,
} from '@aws-sdk/client-codedeploy';
import {
  AlarmView,
  DeploymentGroupRef,
  DeploymentGroupSection,
  TrafficRouting,
} from '@liftoff/plugin-aws-cicd-common';
import {
  readDeploymentTargets,
  sectionErrorOf,
} from '@liftoff/plugin-aws-cicd-node';
import { contextOf } from '../core/context';
import { Scoped, cacheKeys } from '../core/keys';
import { Outcome, Plumbing, errorOf } from '../core/Plumbing';
import { Loaded } from '../ReadCache';
import { DeploymentOwner, ReadOptions } from '../types';
import {
  ACTIVE_DEPLOYMENT,
  DeploymentGroupDefinition,
  deploymentGroupWithClock,
  toAlarmViews,
  toDeploymentGroupDefinition,
  toDeploymentGroupView,
  toDeploymentView,
  toTrafficRouting,
} from '../views/deployments';
import { predefinedDeploymentConfig } from '../views/predefinedConfigs';

/**
 * Reads CodeDeploy (and the group's CloudWatch alarms): a deployment
 * group's section with its recent deployments, traffic plan and alarms.
 */
export class DeploymentGroupReader {
  constructor(private readonly p: Plumbing) {}

  /** The group's section as the delivery shows it, by the deadline. */
  section(
    ref: Scoped<DeploymentGroupRef>,
    deadline: number,
  ): Promise<DeploymentGroupSection> {
    return this.p.withDeadline(
      this.p.cache.get(this.p.remember(ref.arn, cacheKeys.group(ref)), () =>
        this.load(ref),
      ),
      deadline,
      contextOf.deploymentGroup(ref),
      error => ({ ...baseOf(ref), error }),
    );
  }

  /** After a write: forgets the group's sections (of every role), reads it again. */
  async refresh(
    ref: Scoped<DeploymentGroupRef>,
  ): Promise<DeploymentGroupSection> {
    await this.p.forget(ref.arn);
    const section = await this.p.cache.refresh(cacheKeys.group(ref), () =>
      this.load(ref),
    );
    return withClock(section, this.p.now());
  }

  /** The application and group a deployment belongs to (in `ref`'s account and region). */
  owner(
    ref: Scoped<DeploymentGroupRef>,
    deploymentId: string,
    options?: ReadOptions,
  ): Promise<DeploymentOwner> {
    return this.p.readForRoute<DeploymentOwner>(
      cacheKeys.deploymentOwner(ref, deploymentId),
      { ...contextOf.deploymentGroup(ref), what: `deployment ${deploymentId}` },
      options,
      async signal => {
        const client = await this.p.clients.codeDeploy(ref);
        const output = await this.p.call(
          'CodeDeploy.GetDeployment',
          signal,
          o => client.send(new GetDeploymentCommand({ deploymentId }), o),
        );
        return {
          value: {
            applicationName: output.deploymentInfo?.applicationName ?? '',
            deploymentGroupName:
              output.deploymentInfo?.deploymentGroupName ?? '',
          },
          ttlMs: this.p.config.cache.definitionTtlMs,
        };
      },
    );
  }

  private async load(
    ref: Scoped<DeploymentGroupRef>,
  ): Promise<Loaded<DeploymentGroupSection>> {
    const signal = this.p.budget();
    try {
      const client = await this.p.clients.codeDeploy(ref);
      // Round 1: the group (cached longer) and its deployment ids.
      const [group, list] = await Promise.all([
        this.definition(ref, signal),
        this.p.call('CodeDeploy.ListDeployments', signal, o =>
          client.send(
            new ListDeploymentsCommand({
              applicationName: ref.applicationName,
              deploymentGroupName: ref.deploymentGroupName,
            }),
            o,
          ),
        ),
      ]);
      const ids = (list.deployments ?? []).slice(
        0,
        this.p.config.recentDeployments,
      );
      // Round 2: the deployments, the traffic plan, the alarms, and the
      // newest deployment's targets (round 3: their details).
      const [infos, routing, alarms, targets] = await Promise.all([
        ids.length > 0
          ? this.p
              .call('CodeDeploy.BatchGetDeployments', signal, o =>
                client.send(
                  new BatchGetDeploymentsCommand({ deploymentIds: ids }),
                  o,
                ),
              )
              .then(o => o.deploymentsInfo ?? [])
          : Promise.resolve<DeploymentInfo[]>([]),
        group.deploymentConfigName
          ? this.trafficRouting(ref, group.deploymentConfigName, signal)
          : Promise.resolve(undefined),
        this.alarms(ref, group, signal),
        ids.length > 0
          ? this.targets(client, ids[0], signal)
          : Promise.resolve(undefined),
      ]);
      const recent = infos
        .sort(
          (a, b) =>
            (b.createTime?.getTime() ?? 0) - (a.createTime?.getTime() ?? 0),
        )
        .map(d =>
          toDeploymentView(
            ref,
            group,
            d,
            d.deploymentId === ids[0] ? targets : undefined,
          ),
        );
      const section: DeploymentGroupSection = {
        ...baseOf(ref),
        group: toDeploymentGroupView(ref, group, routing, recent),
        alarms: alarms.error
          ? { enabled: group.alarms.enabled, error: alarms.error }
          : { enabled: group.alarms.enabled, items: alarms.value },
      };
      const active = recent.some(d => ACTIVE_DEPLOYMENT.has(d.status));
      const alarming =
        !alarms.error && alarms.value.some(a => a.state === 'ALARM');
      return {
        value: section,
        ttlMs: alarms.error
          ? this.p.errorTtl(alarms.error)
          : this.p.liveTtl(active || alarming),
      };
    } catch (e) {
      const error = errorOf(e, contextOf.deploymentGroup(ref));
      this.p.logFailure(error, ref.arn, e);
      return {
        value: { ...baseOf(ref), error },
        ttlMs: this.p.errorTtl(error),
      };
    }
  }

  private definition(
    ref: Scoped<DeploymentGroupRef>,
    signal: AbortSignal,
  ): Promise<DeploymentGroupDefinition> {
    return this.p.definition(
      cacheKeys.groupDefinition(ref),
      contextOf.deploymentGroup(ref),
      async () => {
        const client = await this.p.clients.codeDeploy(ref);
        const output = await this.p.call(
          'CodeDeploy.GetDeploymentGroup',
          signal,
          o =>
            client.send(
              new GetDeploymentGroupCommand({
                applicationName: ref.applicationName,
                deploymentGroupName: ref.deploymentGroupName,
              }),
              o,
            ),
        );
        return toDeploymentGroupDefinition(output.deploymentGroupInfo ?? {});
      },
    );
  }

  private trafficRouting(
    ref: Scoped<DeploymentGroupRef>,
    name: string,
    signal: AbortSignal,
  ): Promise<TrafficRouting> {
    const predefined = predefinedDeploymentConfig(name);
    if (predefined) return Promise.resolve(toTrafficRouting(predefined));
    return this.p.definition(
      cacheKeys.deploymentConfig(ref, name),
      {
        ...contextOf.deploymentGroup(ref),
        what: `deployment configuration ${name}`,
      },
      async () => {
        const client = await this.p.clients.codeDeploy(ref);
        const output = await this.p.call(
          'CodeDeploy.GetDeploymentConfig',
          signal,
          o =>
            client.send(
              new GetDeploymentConfigCommand({ deploymentConfigName: name }),
              o,
            ),
        );
        return toTrafficRouting(
          output.deploymentConfigInfo ?? { deploymentConfigName: name },
        );
      },
    );
  }

  /**
   * The group's alarms with their live state; an error of their own. They
   * get half the request budget, so that a slow CloudWatch costs the alarms
   * (a Timeout of their own) rather than the whole deployment group.
   */
  private async alarms(
    ref: Scoped<DeploymentGroupRef>,
    group: DeploymentGroupDefinition,
    groupSignal: AbortSignal,
  ): Promise<Outcome<AlarmView[]>> {
    const names = group.alarms.names;
    if (names.length === 0) {
      return { value: [] };
    }
    const signal = AbortSignal.any([
      groupSignal,
      AbortSignal.timeout(Math.floor(this.p.config.requestBudgetMs / 2)),
    ]);
    try {
      const client = await this.p.clients.cloudWatch(ref);
      const found: MetricAlarm[] = [];
      for (let i = 0; i < names.length; i += 100) {
        const output = await this.p.call(
          'CloudWatch.DescribeAlarms',
          signal,
          o =>
            client.send(
              new DescribeAlarmsCommand({
                AlarmNames: names.slice(i, i + 100),
                AlarmTypes: ['MetricAlarm'],
                MaxRecords: 100,
              }),
              o,
            ),
        );
        found.push(...(output.MetricAlarms ?? []));
      }
      return { value: toAlarmViews(names, found) };
    } catch (e) {
      const error = sectionErrorOf(e, contextOf.alarms(ref));
      this.p.logFailure(error, ref.arn, e);
      return { error };
    }
  }

  /** The newest deployment's targets (none before it starts). */
  private targets(
    client: CodeDeployClient,
    deploymentId: string,
    signal: AbortSignal,
  ): Promise<DeploymentTarget[]> {
    return this.p.call('CodeDeploy.ListDeploymentTargets', signal, o =>
      readDeploymentTargets(client, deploymentId, o),
    );
  }
}

function baseOf(ref: DeploymentGroupRef) {
  return {
    applicationName: ref.applicationName,
    deploymentGroupName: ref.deploymentGroupName,
    arn: ref.arn,
  };
}

/** Durations and countdowns of a cached section, against `now`. */
export function withClock(
  section: DeploymentGroupSection,
  now: Date,
): DeploymentGroupSection {
  return section.group
    ? { ...section, group: deploymentGroupWithClock(section.group, now) }
    : section;
}
