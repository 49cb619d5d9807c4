import { DescribeAlarmsCommand, MetricAlarm } from '@aws-sdk/client-cloudwatch';
import {
  BatchGetBuildsCommand,
  Build,
  ListBuildsForProjectCommand,
} from '@aws-sdk/client-codebuild';
import {
  BatchGetDeploymentTargetsCommand,
  BatchGetDeploymentsCommand,
  ContinueDeploymentCommand,
  DeploymentInfo,
  DeploymentTarget,
  GetDeploymentCommand,
  GetDeploymentConfigCommand,
  GetDeploymentGroupCommand,
  ListDeploymentTargetsCommand,
  ListDeploymentsCommand,
  StopDeploymentCommand,
} from '@aws-sdk/client-codedeploy';
import {
  ActionExecutionDetail,
  GetPipelineCommand,
  GetPipelineStateCommand,
  ListActionExecutionsCommand,
  ListPipelineExecutionsCommand,
  PipelineExecutionSummary,
  PutApprovalResultCommand,
  RetryStageExecutionCommand,
  StartPipelineExecutionCommand,
  StopPipelineExecutionCommand,
} from '@aws-sdk/client-codepipeline';
import { CacheService, LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import { JsonValue } from '@backstage/types';
import {
  ActionExecutionsResponse,
  ApprovalRequest,
  AwsCicdTargets,
  AwsResourceRef,
  BuildProjectRef,
  BuildProjectSection,
  BuildsPage,
  ContinueDeploymentRequest,
  DeliveryResponse,
  DeploymentGroupRef,
  DeploymentGroupSection,
  ExecutionsPage,
  PipelineRef,
  PipelineSection,
  RetryStageRequest,
  SectionError,
  StartExecutionRequest,
  StartExecutionResponse,
  StopDeploymentRequest,
  StopExecutionRequest,
  TrafficRouting,
} from '@liftoff/plugin-aws-cicd-common';
import { AwsClientFactory } from '@liftoff/plugin-aws-cicd-node';
import { AwsCicdConfig, DEFAULTS, readAwsCicdConfig } from '../config';
import {
  AwsCallContext,
  AwsCallFailure,
  AwsUpstreamError,
  BudgetExceededError,
  CachedSectionError,
  httpErrorOf,
  sectionErrorOf,
  sectionToHttpError,
} from './errors';
import { Limiter } from './Limiter';
import { Loaded, ReadCache } from './ReadCache';
import { AwsCicdService, ReadOptions, WriteOptions } from './types';
import { buildWithClock, toBuildView } from './views/builds';
import {
  ACTIVE_DEPLOYMENT,
  DeploymentGroupDefinition,
  deploymentGroupWithClock,
  toAlarmViews,
  toDeploymentGroupDefinition,
  toDeploymentGroupView,
  toDeploymentView,
  toTrafficRouting,
} from './views/deployments';
import {
  PipelineDefinition,
  actionExecutionWithClock,
  codeBuildProjectsOf,
  executionWithClock,
  pipelineWithClock,
  toActionExecutionView,
  toExecutionSummary,
  toPipelineDefinition,
  toPipelineView,
} from './views/pipeline';

/** @public */
export interface DefaultAwsCicdServiceOptions {
  logger: LoggerService;
  cache: CacheService;
  clients: AwsClientFactory;
  config?: AwsCicdConfig;
  /**
   * AWS's "now", for durations and countdowns. Defaults to this host's
   * clock; tests pass the emulator's.
   */
  now?: () => Date;
}

/** A cached read: its value, or the error that replaced it. */
type Outcome<T> = { value: T; error?: undefined } | { error: SectionError };

interface PipelineEntry {
  section: PipelineSection;
  /** CodeBuild projects of the pipeline's actions. */
  projects: string[];
  inProgress: boolean;
}

interface BuildsEntry {
  builds: BuildsPage['builds'];
  nextPageToken?: string;
}

interface Client {
  send(command: any, options?: any): Promise<any>;
}

const KEY = 'v1';
const MAX_EXECUTIONS_PAGE = 100;
const DEFAULT_EXECUTIONS_PAGE = 20;
const MAX_ACTION_EXECUTION_PAGES = 5;

function describeRef(ref: AwsResourceRef) {
  return `${ref.accountId} / ${ref.region}`;
}

/**
 * The default {@link AwsCicdService}: reads through the backend cache
 * service (short TTLs while something runs, longer when idle), coalesces
 * identical concurrent reads, bounds concurrent calls per AWS API, gives
 * every read a deadline, and maps every AWS failure to a section error.
 * @public
 */
export class DefaultAwsCicdService implements AwsCicdService {
  private readonly logger: LoggerService;
  private readonly clients: AwsClientFactory;
  private readonly config: AwsCicdConfig;
  private readonly now: () => Date;
  private readonly cache: ReadCache;
  private readonly limiter: Limiter;
  private readonly deliveries = new Map<string, Promise<DeliveryResponse>>();
  /** Executions page keys in use per pipeline ARN, to forget after writes. */
  private readonly executionKeys = new Map<string, Set<string>>();

  static fromConfig(
    config: Config,
    options: Omit<DefaultAwsCicdServiceOptions, 'config'>,
  ): DefaultAwsCicdService {
    return new DefaultAwsCicdService({
      ...options,
      config: readAwsCicdConfig(config),
    });
  }

  constructor(options: DefaultAwsCicdServiceOptions) {
    this.logger = options.logger;
    this.clients = options.clients;
    this.config = options.config ?? DEFAULTS;
    this.now = options.now ?? (() => new Date());
    this.cache = new ReadCache(options.cache, options.logger);
    this.limiter = new Limiter(this.config.maxConcurrentCallsPerApi);
  }

  // ------------------------------------------------------------ the page

  /**
   * Concurrent views of the same entity share one assembly (cache reads,
   * clock, response object), not only the AWS calls behind it.
   */
  getDelivery(
    entityRef: string,
    targets: AwsCicdTargets,
    options?: ReadOptions,
  ): Promise<DeliveryResponse> {
    const key = JSON.stringify([
      entityRef,
      targets.pipelines.map(p => p.arn),
      targets.deploymentGroups.map(g => g.arn),
      targets.buildProjects.map(b => b.arn),
    ]);
    const running = this.deliveries.get(key);
    if (running) return running;
    const promise = this.assembleDelivery(entityRef, targets, options).finally(
      () => this.deliveries.delete(key),
    );
    this.deliveries.set(key, promise);
    return promise;
  }

  private async assembleDelivery(
    entityRef: string,
    targets: AwsCicdTargets,
    options?: ReadOptions,
  ): Promise<DeliveryResponse> {
    const deadline = this.deadlineOf(options);
    const annotated = new Set(targets.buildProjects.map(b => this.buildKey(b)));
    const pipelines = targets.pipelines.map(p =>
      this.pipelineEntry(p, deadline),
    );
    const groups = targets.deploymentGroups.map(g =>
      this.groupSection(g, deadline),
    );
    const annotatedBuilds = targets.buildProjects.map(b =>
      this.buildSection(b, 'annotation', deadline),
    );
    // The projects of the pipelines' CodeBuild actions, once each pipeline
    // is known; without waiting for the other sections.
    const seen = new Set(annotated);
    const pipelineBuilds = pipelines.map(async (entry, i) => {
      const { projects } = await entry;
      const pipeline = targets.pipelines[i];
      const refs = projects
        .map(projectName => this.projectOfPipeline(pipeline, projectName))
        .filter(ref => {
          const key = this.buildKey(ref);
          if (seen.has(key)) return false;
          seen.add(key);
          return true;
        });
      return Promise.all(
        refs.map(ref => this.buildSection(ref, 'pipeline', deadline)),
      );
    });

    const [pipelineEntries, groupSections, builds, derived] = await Promise.all(
      [
        Promise.all(pipelines),
        Promise.all(groups),
        Promise.all(annotatedBuilds),
        Promise.all(pipelineBuilds),
      ],
    );
    const now = this.now();
    const pipelineSections = pipelineEntries.map(e =>
      this.pipelineSectionWithClock(e.section, now),
    );
    const groupsNow = groupSections.map(s =>
      this.groupSectionWithClock(s, now),
    );
    const buildSections = [...builds, ...derived.flat()].map(s =>
      s.builds
        ? { ...s, builds: s.builds.map(b => buildWithClock(b, now)) }
        : s,
    );
    const inProgress =
      pipelineEntries.some(e => e.inProgress) ||
      groupsNow.some(s => Boolean(s.group?.current)) ||
      buildSections.some(s => s.builds?.some(b => b.status === 'IN_PROGRESS'));
    return {
      entityRef,
      generatedAt: now.toISOString(),
      pipelines: pipelineSections,
      deploymentGroups: groupsNow,
      buildProjects: buildSections,
      inProgress,
    };
  }

  async getPipelineBuildProjects(
    pipeline: PipelineRef,
    options?: ReadOptions,
  ): Promise<string[]> {
    const definition = await this.readForRoute<PipelineDefinition>(
      this.key('def:pipeline', pipeline.arn),
      this.ctxOfPipeline(pipeline),
      options,
      async signal => ({
        value: await this.loadPipelineDefinition(pipeline, signal),
        ttlMs: this.config.cache.definitionTtlMs,
      }),
    );
    return codeBuildProjectsOf(definition);
  }

  // ------------------------------------------------------------ pipelines

  private ctxOfPipeline(ref: PipelineRef): AwsCallContext {
    return { what: `pipeline ${ref.pipelineName}`, where: describeRef(ref) };
  }

  private async pipelineEntry(
    ref: PipelineRef,
    deadline: number,
  ): Promise<PipelineEntry> {
    const ctx = this.ctxOfPipeline(ref);
    return this.withDeadline(
      this.cache.get<any>(this.key('pipeline', ref.arn), () =>
        this.loadPipelineEntry(ref),
      ),
      deadline,
      ctx,
      error => ({
        section: { name: ref.pipelineName, arn: ref.arn, error },
        projects: [],
        inProgress: false,
      }),
    );
  }

  private async loadPipelineEntry(
    ref: PipelineRef,
  ): Promise<Loaded<PipelineEntry & JsonValue>> {
    const signal = AbortSignal.timeout(this.config.requestBudgetMs);
    try {
      const client = await this.clients.codePipeline(ref);
      const [definition, state, executions] = await Promise.all([
        this.pipelineDefinition(ref, signal),
        this.send(
          'CodePipeline.GetPipelineState',
          client,
          new GetPipelineStateCommand({ name: ref.pipelineName }),
          signal,
        ),
        this.send(
          'CodePipeline.ListPipelineExecutions',
          client,
          new ListPipelineExecutionsCommand({
            pipelineName: ref.pipelineName,
            maxResults: 1,
          }),
          signal,
        ),
      ]);
      const pipeline = toPipelineView(
        ref,
        definition,
        state,
        executions.pipelineExecutionSummaries?.[0],
      );
      const entry: PipelineEntry = {
        section: { name: ref.pipelineName, arn: ref.arn, pipeline },
        projects: codeBuildProjectsOf(definition),
        inProgress: pipeline.inProgress,
      };
      return {
        value: entry as unknown as PipelineEntry & JsonValue,
        ttlMs: pipeline.inProgress
          ? this.config.cache.inProgressTtlMs
          : this.config.cache.idleTtlMs,
      };
    } catch (e) {
      const error = errorOf(e, this.ctxOfPipeline(ref));
      this.logFailure(error, ref.arn, e);
      return {
        value: {
          section: { name: ref.pipelineName, arn: ref.arn, error },
          projects: [],
          inProgress: false,
        } as unknown as PipelineEntry & JsonValue,
        ttlMs: this.errorTtl(error),
      };
    }
  }

  /** The pipeline's declaration, cached longer than its state. */
  private pipelineDefinition(
    ref: PipelineRef,
    signal: AbortSignal,
  ): Promise<PipelineDefinition> {
    return this.definition(
      this.key('def:pipeline', ref.arn),
      this.ctxOfPipeline(ref),
      () => this.loadPipelineDefinition(ref, signal),
    );
  }

  private async loadPipelineDefinition(
    ref: PipelineRef,
    signal?: AbortSignal,
  ): Promise<PipelineDefinition & JsonValue> {
    const client = await this.clients.codePipeline(ref);
    const output = await this.send(
      'CodePipeline.GetPipeline',
      client,
      new GetPipelineCommand({ name: ref.pipelineName }),
      signal ?? AbortSignal.timeout(this.config.requestBudgetMs),
    );
    return toPipelineDefinition(output) as PipelineDefinition & JsonValue;
  }

  private pipelineSectionWithClock(
    section: PipelineSection,
    now: Date,
  ): PipelineSection {
    return section.pipeline
      ? { ...section, pipeline: pipelineWithClock(section.pipeline, now) }
      : section;
  }

  async listExecutions(
    ref: PipelineRef,
    page: { pageToken?: string; pageSize?: number },
    options?: ReadOptions,
  ): Promise<ExecutionsPage> {
    const pageSize = Math.min(
      MAX_EXECUTIONS_PAGE,
      Math.max(1, page.pageSize ?? DEFAULT_EXECUTIONS_PAGE),
    );
    const key = this.key(
      'executions',
      ref.arn,
      String(pageSize),
      page.pageToken ?? 'first',
    );
    const keys = this.executionKeys.get(ref.arn) ?? new Set<string>();
    keys.add(key);
    this.executionKeys.set(ref.arn, keys);
    const ctx = {
      ...this.ctxOfPipeline(ref),
      what: `executions of pipeline ${ref.pipelineName}`,
    };
    const value = await this.readForRoute<ExecutionsPage>(
      key,
      ctx,
      options,
      async signal => {
        const client = await this.clients.codePipeline(ref);
        const output = await this.send(
          'CodePipeline.ListPipelineExecutions',
          client,
          new ListPipelineExecutionsCommand({
            pipelineName: ref.pipelineName,
            maxResults: pageSize,
            nextToken: page.pageToken,
          }),
          signal,
        );
        const executions = (
          (output.pipelineExecutionSummaries ??
            []) as PipelineExecutionSummary[]
        ).map(toExecutionSummary);
        const running = executions.some(e =>
          ['InProgress', 'Stopping'].includes(e.status),
        );
        return {
          value: {
            executions,
            ...(output.nextToken ? { nextPageToken: output.nextToken } : {}),
          } as ExecutionsPage & JsonValue,
          // The first page is live; older pages are history.
          ttlMs:
            running || !page.pageToken
              ? this.config.cache.inProgressTtlMs
              : this.config.cache.finishedTtlMs,
        };
      },
    );
    const now = this.now();
    return {
      ...value,
      executions: value.executions.map(e => executionWithClock(e, now)),
    };
  }

  async listActionExecutions(
    ref: PipelineRef,
    pipelineExecutionId: string,
    options?: ReadOptions,
  ): Promise<ActionExecutionsResponse> {
    const ctx = {
      ...this.ctxOfPipeline(ref),
      what: `execution ${pipelineExecutionId} of pipeline ${ref.pipelineName}`,
    };
    const value = await this.readForRoute<ActionExecutionsResponse>(
      this.key('actions', ref.arn, pipelineExecutionId),
      ctx,
      options,
      async signal => {
        const client = await this.clients.codePipeline(ref);
        const details: ActionExecutionDetail[] = [];
        let nextToken: string | undefined;
        for (let i = 0; i < MAX_ACTION_EXECUTION_PAGES; i++) {
          const output = await this.send(
            'CodePipeline.ListActionExecutions',
            client,
            new ListActionExecutionsCommand({
              pipelineName: ref.pipelineName,
              filter: { pipelineExecutionId },
              maxResults: 100,
              nextToken,
            }),
            signal,
          );
          details.push(...(output.actionExecutionDetails ?? []));
          nextToken = output.nextToken;
          if (!nextToken) break;
        }
        const actionExecutions = details.map(toActionExecutionView);
        const running = actionExecutions.some(a => a.status === 'InProgress');
        return {
          value: {
            pipelineExecutionId,
            actionExecutions,
          } as ActionExecutionsResponse & JsonValue,
          ttlMs: running
            ? this.config.cache.inProgressTtlMs
            : this.config.cache.finishedTtlMs,
        };
      },
    );
    const now = this.now();
    return {
      ...value,
      actionExecutions: value.actionExecutions.map(a =>
        actionExecutionWithClock(a, now),
      ),
    };
  }

  // ------------------------------------------------------------ builds

  private buildKey(ref: BuildProjectRef) {
    return `${ref.partition}:${ref.accountId}:${ref.region}:${ref.projectName}`;
  }

  private projectOfPipeline(
    pipeline: PipelineRef,
    projectName: string,
  ): BuildProjectRef {
    return {
      arn: `arn:${pipeline.partition}:codebuild:${pipeline.region}:${pipeline.accountId}:project/${projectName}`,
      partition: pipeline.partition,
      region: pipeline.region,
      accountId: pipeline.accountId,
      projectName,
    };
  }

  private ctxOfProject(ref: BuildProjectRef): AwsCallContext {
    return {
      what: `CodeBuild project ${ref.projectName}`,
      where: describeRef(ref),
    };
  }

  private async buildSection(
    ref: BuildProjectRef,
    source: BuildProjectSection['source'],
    deadline: number,
  ): Promise<BuildProjectSection> {
    const base = {
      projectName: ref.projectName,
      region: ref.region,
      accountId: ref.accountId,
      source,
    };
    const outcome = await this.withDeadline(
      this.buildsPage(ref, undefined),
      deadline,
      this.ctxOfProject(ref),
    );
    if (outcome.error) {
      return { ...base, error: outcome.error };
    }
    return { ...base, ...outcome.value };
  }

  async listBuilds(
    ref: BuildProjectRef,
    page: { pageToken?: string },
    options?: ReadOptions,
  ): Promise<BuildsPage> {
    const outcome = await this.withDeadline(
      this.buildsPage(ref, page.pageToken),
      this.deadlineOf(options),
      this.ctxOfProject(ref),
    );
    if (outcome.error) throw sectionToHttpError(outcome.error);
    const now = this.now();
    return {
      ...outcome.value,
      builds: outcome.value.builds.map(b => buildWithClock(b, now)),
    };
  }

  /**
   * One page of a project's builds, newest first. The page token is our
   * own cursor: CodeBuild lists up to 100 ids per call, of which we read
   * `recentBuilds` at a time.
   */
  private buildsPage(
    ref: BuildProjectRef,
    pageToken: string | undefined,
  ): Promise<Outcome<BuildsEntry>> {
    const cursor = decodeCursor(pageToken);
    const size = this.config.recentBuilds;
    return this.cache.get(
      this.key('builds', this.buildKey(ref), pageToken ?? 'first'),
      () =>
        this.outcomeOf(this.ctxOfProject(ref), async signal => {
          const client = await this.clients.codeBuild(ref);
          const list = await this.send(
            'CodeBuild.ListBuildsForProject',
            client,
            new ListBuildsForProjectCommand({
              projectName: ref.projectName,
              sortOrder: 'DESCENDING',
              nextToken: cursor.t,
            }),
            signal,
          );
          const ids: string[] = (list.ids ?? []).slice(
            cursor.o,
            cursor.o + size,
          );
          let next: string | undefined;
          if (cursor.o + size < (list.ids ?? []).length) {
            next = encodeCursor({ t: cursor.t, o: cursor.o + size });
          } else if (list.nextToken) {
            next = encodeCursor({ t: list.nextToken, o: 0 });
          }
          const got =
            ids.length > 0
              ? await this.send(
                  'CodeBuild.BatchGetBuilds',
                  client,
                  new BatchGetBuildsCommand({ ids }),
                  signal,
                )
              : { builds: [] };
          const byId = new Map<string, Build>(
            ((got.builds ?? []) as Build[]).map(b => [b.id!, b]),
          );
          const builds = ids
            .map(id => byId.get(id))
            .filter((b): b is Build => Boolean(b))
            .map(b => toBuildView(ref, b));
          const running = builds.some(b => b.status === 'IN_PROGRESS');
          return {
            value: {
              builds,
              ...(next ? { nextPageToken: next } : {}),
            } as BuildsEntry & JsonValue,
            ttlMs: this.liveTtl(
              running,
              pageToken ? this.config.cache.finishedTtlMs : undefined,
            ),
          };
        }),
    ) as Promise<Outcome<BuildsEntry>>;
  }

  // ------------------------------------------------------------ deployments

  private ctxOfGroup(ref: DeploymentGroupRef): AwsCallContext {
    return {
      what: `deployment group ${ref.applicationName}/${ref.deploymentGroupName}`,
      where: describeRef(ref),
    };
  }

  private async groupSection(
    ref: DeploymentGroupRef,
    deadline: number,
  ): Promise<DeploymentGroupSection> {
    return this.withDeadline(
      this.cache.get<any>(this.key('group', ref.arn), () =>
        this.loadGroupSection(ref),
      ),
      deadline,
      this.ctxOfGroup(ref),
      error => ({
        applicationName: ref.applicationName,
        deploymentGroupName: ref.deploymentGroupName,
        arn: ref.arn,
        error,
      }),
    );
  }

  private async loadGroupSection(
    ref: DeploymentGroupRef,
  ): Promise<Loaded<DeploymentGroupSection & JsonValue>> {
    const signal = AbortSignal.timeout(this.config.requestBudgetMs);
    const base = {
      applicationName: ref.applicationName,
      deploymentGroupName: ref.deploymentGroupName,
      arn: ref.arn,
    };
    const ctx = this.ctxOfGroup(ref);
    try {
      const client = await this.clients.codeDeploy(ref);
      // Round 1: the group (cached longer) and its deployment ids.
      const [group, list] = await Promise.all([
        this.groupDefinition(ref, signal),
        this.send(
          'CodeDeploy.ListDeployments',
          client,
          new ListDeploymentsCommand({
            applicationName: ref.applicationName,
            deploymentGroupName: ref.deploymentGroupName,
          }),
          signal,
        ),
      ]);
      const ids = (list.deployments ?? []).slice(
        0,
        this.config.recentDeployments,
      );
      // Round 2: the deployments, the traffic plan, the alarms, and the
      // newest deployment's targets (round 3: their details).
      const [infos, routing, alarms, targets] = await Promise.all([
        ids.length > 0
          ? this.send(
              'CodeDeploy.BatchGetDeployments',
              client,
              new BatchGetDeploymentsCommand({ deploymentIds: ids }),
              signal,
            ).then(o => (o.deploymentsInfo ?? []) as DeploymentInfo[])
          : Promise.resolve([] as DeploymentInfo[]),
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
      const view = toDeploymentGroupView(ref, group, routing, recent);
      const section: DeploymentGroupSection = {
        ...base,
        group: view,
        alarms: alarms.error
          ? { enabled: group.alarms.enabled, error: alarms.error }
          : { enabled: group.alarms.enabled, items: alarms.value },
      };
      const active = recent.some(d => ACTIVE_DEPLOYMENT.has(d.status));
      const alarming =
        !alarms.error && alarms.value.some(a => a.state === 'ALARM');
      return {
        value: section as DeploymentGroupSection & JsonValue,
        ttlMs: alarms.error
          ? this.errorTtl(alarms.error)
          : this.liveTtl(active || alarming),
      };
    } catch (e) {
      const error = errorOf(e, ctx);
      this.logFailure(error, ref.arn, e);
      return {
        value: { ...base, error } as DeploymentGroupSection & JsonValue,
        ttlMs: this.errorTtl(error),
      };
    }
  }

  private groupDefinition(
    ref: DeploymentGroupRef,
    signal: AbortSignal,
  ): Promise<DeploymentGroupDefinition> {
    return this.definition(
      this.key('def:group', ref.arn),
      this.ctxOfGroup(ref),
      async () => {
        const client = await this.clients.codeDeploy(ref);
        const output = await this.send(
          'CodeDeploy.GetDeploymentGroup',
          client,
          new GetDeploymentGroupCommand({
            applicationName: ref.applicationName,
            deploymentGroupName: ref.deploymentGroupName,
          }),
          signal,
        );
        return toDeploymentGroupDefinition(output.deploymentGroupInfo!);
      },
    );
  }

  private trafficRouting(
    ref: DeploymentGroupRef,
    name: string,
    signal: AbortSignal,
  ): Promise<TrafficRouting> {
    return this.definition(
      this.key('def:config', ref.partition, ref.accountId, ref.region, name),
      { ...this.ctxOfGroup(ref), what: `deployment configuration ${name}` },
      async () => {
        const client = await this.clients.codeDeploy(ref);
        const output = await this.send(
          'CodeDeploy.GetDeploymentConfig',
          client,
          new GetDeploymentConfigCommand({ deploymentConfigName: name }),
          signal,
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
    ref: DeploymentGroupRef,
    group: DeploymentGroupDefinition,
    groupSignal: AbortSignal,
  ): Promise<Outcome<ReturnType<typeof toAlarmViews>>> {
    const names = group.alarms.names;
    if (names.length === 0) {
      return { value: [] };
    }
    const signal = AbortSignal.any([
      groupSignal,
      AbortSignal.timeout(Math.floor(this.config.requestBudgetMs / 2)),
    ]);
    const ctx = {
      what: `CloudWatch alarms of ${ref.applicationName}/${ref.deploymentGroupName}`,
      where: describeRef(ref),
    };
    try {
      const client = await this.clients.cloudWatch(ref);
      const found: MetricAlarm[] = [];
      for (let i = 0; i < names.length; i += 100) {
        const output = await this.send(
          'CloudWatch.DescribeAlarms',
          client,
          new DescribeAlarmsCommand({
            AlarmNames: names.slice(i, i + 100),
            AlarmTypes: ['MetricAlarm'],
            MaxRecords: 100,
          }),
          signal,
        );
        found.push(...(output.MetricAlarms ?? []));
      }
      return { value: toAlarmViews(names, found) };
    } catch (e) {
      const error = sectionErrorOf(e, ctx);
      this.logFailure(error, ref.arn, e);
      return { error };
    }
  }

  private async targets(
    client: Client,
    deploymentId: string,
    signal: AbortSignal,
  ): Promise<DeploymentTarget[] | undefined> {
    let targetIds: string[];
    try {
      const list = await this.send(
        'CodeDeploy.ListDeploymentTargets',
        client,
        new ListDeploymentTargetsCommand({ deploymentId }),
        signal,
      );
      targetIds = list.targetIds ?? [];
    } catch (e) {
      // A deployment that has not started has no targets yet.
      if (
        e instanceof AwsCallFailure &&
        (e.error as Error)?.name === 'DeploymentNotStartedException'
      ) {
        return [];
      }
      throw e;
    }
    if (targetIds.length === 0) return [];
    const output = await this.send(
      'CodeDeploy.BatchGetDeploymentTargets',
      client,
      new BatchGetDeploymentTargetsCommand({
        deploymentId,
        targetIds: targetIds.slice(0, 25),
      }),
      signal,
    );
    return output.deploymentTargets ?? [];
  }

  private groupSectionWithClock(
    section: DeploymentGroupSection,
    now: Date,
  ): DeploymentGroupSection {
    return section.group
      ? { ...section, group: deploymentGroupWithClock(section.group, now) }
      : section;
  }

  // ------------------------------------------------------------ writes

  async putApprovalResult(
    ref: PipelineRef,
    request: ApprovalRequest,
    options?: WriteOptions,
  ): Promise<PipelineSection> {
    const ctx = this.ctxOfPipeline(ref);
    await this.write(ctx, async signal => {
      const client = await this.clients.codePipeline(ref);
      // The token never leaves the backend: read it now, use it, forget it.
      const state = await this.send(
        'CodePipeline.GetPipelineState',
        client,
        new GetPipelineStateCommand({ name: ref.pipelineName }),
        signal,
      );
      const stage = state.stageStates?.find(
        (s: any) => s.stageName === request.stageName,
      );
      if (!stage) {
        throw new NotFoundError(
          `Pipeline ${ref.pipelineName} has no stage ${request.stageName}`,
        );
      }
      const action = stage.actionStates?.find(
        (a: any) => a.actionName === request.actionName,
      );
      if (!action) {
        throw new NotFoundError(
          `Stage ${request.stageName} of pipeline ${ref.pipelineName} has no action ${request.actionName}`,
        );
      }
      const token = action.latestExecution?.token;
      if (action.latestExecution?.status !== 'InProgress' || !token) {
        throw new ConflictError(
          `No approval is waiting at ${request.stageName} / ${request.actionName} of pipeline ${ref.pipelineName}`,
        );
      }
      await this.send(
        'CodePipeline.PutApprovalResult',
        client,
        new PutApprovalResultCommand({
          pipelineName: ref.pipelineName,
          stageName: request.stageName,
          actionName: request.actionName,
          result: { status: request.status, summary: request.summary },
          token,
        }),
        signal,
      );
    });
    this.logger.info('Recorded a manual approval result', {
      pipeline: ref.arn,
      stage: request.stageName,
      action: request.actionName,
      status: request.status,
      actor: options?.actor,
    });
    return this.refreshPipeline(ref);
  }

  async retryStage(
    ref: PipelineRef,
    stageName: string,
    request: RetryStageRequest,
    options?: WriteOptions,
  ): Promise<PipelineSection> {
    await this.write(this.ctxOfPipeline(ref), async signal => {
      const client = await this.clients.codePipeline(ref);
      await this.send(
        'CodePipeline.RetryStageExecution',
        client,
        new RetryStageExecutionCommand({
          pipelineName: ref.pipelineName,
          stageName,
          pipelineExecutionId: request.pipelineExecutionId,
          retryMode: request.retryMode ?? 'FAILED_ACTIONS',
        }),
        signal,
      );
    });
    this.logger.info('Retried a pipeline stage', {
      pipeline: ref.arn,
      stage: stageName,
      pipelineExecutionId: request.pipelineExecutionId,
      retryMode: request.retryMode ?? 'FAILED_ACTIONS',
      actor: options?.actor,
    });
    return this.refreshPipeline(ref);
  }

  async startExecution(
    ref: PipelineRef,
    request: StartExecutionRequest,
    options?: WriteOptions,
  ): Promise<StartExecutionResponse> {
    const output = await this.write(this.ctxOfPipeline(ref), async signal => {
      const client = await this.clients.codePipeline(ref);
      return this.send(
        'CodePipeline.StartPipelineExecution',
        client,
        new StartPipelineExecutionCommand({
          name: ref.pipelineName,
          clientRequestToken: request.clientRequestToken,
        }),
        signal,
      );
    });
    this.logger.info('Started a pipeline execution', {
      pipeline: ref.arn,
      pipelineExecutionId: output.pipelineExecutionId,
      actor: options?.actor,
    });
    return {
      pipelineExecutionId: output.pipelineExecutionId,
      pipeline: await this.refreshPipeline(ref),
    };
  }

  async stopExecution(
    ref: PipelineRef,
    pipelineExecutionId: string,
    request: StopExecutionRequest,
    options?: WriteOptions,
  ): Promise<PipelineSection> {
    const reason =
      request.reason ??
      `Stopped from Backstage${options?.actor ? ` by ${options.actor}` : ''}`;
    await this.write(this.ctxOfPipeline(ref), async signal => {
      const client = await this.clients.codePipeline(ref);
      await this.send(
        'CodePipeline.StopPipelineExecution',
        client,
        new StopPipelineExecutionCommand({
          pipelineName: ref.pipelineName,
          pipelineExecutionId,
          abandon: request.abandon ?? false,
          reason,
        }),
        signal,
      );
    });
    this.logger.info('Stopped a pipeline execution', {
      pipeline: ref.arn,
      pipelineExecutionId,
      abandon: request.abandon ?? false,
      actor: options?.actor,
    });
    return this.refreshPipeline(ref);
  }

  async stopDeployment(
    ref: DeploymentGroupRef,
    deploymentId: string,
    request: StopDeploymentRequest,
    options?: WriteOptions,
  ): Promise<DeploymentGroupSection> {
    await this.write(this.ctxOfGroup(ref), async signal => {
      const client = await this.clients.codeDeploy(ref);
      await this.assertDeploymentOfGroup(client, ref, deploymentId, signal);
      await this.send(
        'CodeDeploy.StopDeployment',
        client,
        new StopDeploymentCommand({
          deploymentId,
          autoRollbackEnabled: request.rollback,
        }),
        signal,
      );
    });
    this.logger.info('Stopped a deployment', {
      deploymentGroup: ref.arn,
      deploymentId,
      rollback: request.rollback,
      actor: options?.actor,
    });
    return this.refreshGroup(ref);
  }

  async continueDeployment(
    ref: DeploymentGroupRef,
    deploymentId: string,
    request: ContinueDeploymentRequest,
    options?: WriteOptions,
  ): Promise<DeploymentGroupSection> {
    await this.write(this.ctxOfGroup(ref), async signal => {
      const client = await this.clients.codeDeploy(ref);
      await this.assertDeploymentOfGroup(client, ref, deploymentId, signal);
      await this.send(
        'CodeDeploy.ContinueDeployment',
        client,
        new ContinueDeploymentCommand({
          deploymentId,
          deploymentWaitType: request.waitType,
        }),
        signal,
      );
    });
    this.logger.info('Continued a deployment', {
      deploymentGroup: ref.arn,
      deploymentId,
      waitType: request.waitType,
      actor: options?.actor,
    });
    return this.refreshGroup(ref);
  }

  /** A deployment id from the URL must be one of this group's. */
  private async assertDeploymentOfGroup(
    client: Client,
    ref: DeploymentGroupRef,
    deploymentId: string,
    signal: AbortSignal,
  ) {
    const output = await this.send(
      'CodeDeploy.GetDeployment',
      client,
      new GetDeploymentCommand({ deploymentId }),
      signal,
    );
    const info = output.deploymentInfo as DeploymentInfo | undefined;
    if (
      info?.applicationName !== ref.applicationName ||
      info?.deploymentGroupName !== ref.deploymentGroupName
    ) {
      throw new NotFoundError(
        `Deployment ${deploymentId} does not belong to deployment group ${ref.applicationName}/${ref.deploymentGroupName}`,
      );
    }
  }

  private async refreshPipeline(ref: PipelineRef): Promise<PipelineSection> {
    const keys = [...(this.executionKeys.get(ref.arn) ?? [])];
    await this.cache.invalidate(keys);
    const entry = await this.cache.refresh<any>(
      this.key('pipeline', ref.arn),
      () => this.loadPipelineEntry(ref),
    );
    return this.pipelineSectionWithClock(
      (entry as PipelineEntry).section,
      this.now(),
    );
  }

  private async refreshGroup(
    ref: DeploymentGroupRef,
  ): Promise<DeploymentGroupSection> {
    const section = await this.cache.refresh<any>(
      this.key('group', ref.arn),
      () => this.loadGroupSection(ref),
    );
    return this.groupSectionWithClock(section, this.now());
  }

  /** Runs a write with the request budget; maps AWS refusals to HTTP errors. */
  private async write<T>(
    ctx: AwsCallContext,
    fn: (signal: AbortSignal) => Promise<T>,
  ): Promise<T> {
    try {
      return await fn(AbortSignal.timeout(this.config.requestBudgetMs));
    } catch (e) {
      if (!(e instanceof AwsCallFailure)) throw e;
      const error = httpErrorOf(e, ctx);
      if (error instanceof AwsUpstreamError && error.name === 'Timeout') {
        error.message = `${error.message} The action may or may not have taken effect: refresh to see.`;
      }
      this.logger.warn('AWS refused a write', {
        what: ctx.what,
        call: e.call,
        error: String((e.error as Error)?.name ?? e.error),
      });
      throw error;
    }
  }

  // ------------------------------------------------------------ plumbing

  private key(...parts: string[]) {
    return [KEY, ...parts].join(':');
  }

  private deadlineOf(options?: ReadOptions) {
    return options?.deadline ?? Date.now() + this.config.requestBudgetMs;
  }

  /** Short while something runs, else `idle` (default: the idle TTL). */
  private liveTtl(running: boolean, idle?: number) {
    if (running) return this.config.cache.inProgressTtlMs;
    return idle ?? this.config.cache.idleTtlMs;
  }

  private errorTtl(error: SectionError) {
    // A deadline is the request's, not AWS's answer: never kept.
    return error.name === 'Timeout' ? 0 : this.config.cache.errorTtlMs;
  }

  /**
   * A declaration (pipeline, deployment group, deployment configuration):
   * cached for the definition TTL, its error too (for the error TTL), and
   * thrown as the section's error to the load that needs it.
   */
  private async definition<T>(
    key: string,
    ctx: AwsCallContext,
    load: () => Promise<T>,
  ): Promise<T> {
    const outcome = await this.cache.get(key, () =>
      this.outcomeOf(ctx, async () => ({
        value: (await load()) as T & JsonValue,
        ttlMs: this.config.cache.definitionTtlMs,
      })),
    );
    if (outcome.error) throw new CachedSectionError(outcome.error);
    return outcome.value as T;
  }

  /**
   * A route's read of one resource: the cached load, waited for until the
   * request's deadline. A section error becomes the route's HTTP error.
   */
  private async readForRoute<T>(
    key: string,
    ctx: AwsCallContext,
    options: ReadOptions | undefined,
    load: (signal: AbortSignal) => Promise<Loaded<T & JsonValue>>,
  ): Promise<T> {
    const outcome = await this.withDeadline(
      this.cache.get(key, () => this.outcomeOf(ctx, load)),
      this.deadlineOf(options),
      ctx,
    );
    if (outcome.error) throw sectionToHttpError(outcome.error);
    return outcome.value as T;
  }

  /**
   * Runs a load that may fail into an outcome that is cached either way:
   * values for their TTL, errors for the error TTL.
   */
  private async outcomeOf<T extends JsonValue>(
    ctx: AwsCallContext,
    load: (signal: AbortSignal) => Promise<Loaded<T>>,
  ): Promise<Loaded<Outcome<T> & JsonValue>> {
    try {
      const loaded = await load(
        AbortSignal.timeout(this.config.requestBudgetMs),
      );
      return {
        value: { value: loaded.value } as Outcome<T> & JsonValue,
        ttlMs: loaded.ttlMs,
      };
    } catch (e) {
      if (isInvalidPageToken(e)) {
        // The caller's fault, not AWS's: 400, and nothing cached.
        throw new InputError('pageToken is not a token this API returned');
      }
      const error = errorOf(e, ctx);
      this.logFailure(error, ctx.what, e);
      return {
        value: { error } as Outcome<T> & JsonValue,
        ttlMs: this.errorTtl(error),
      };
    }
  }

  /** One AWS call: bounded per API, with the load's abort signal. */
  private async send<T = any>(
    call: string,
    client: Client,
    command: unknown,
    signal: AbortSignal,
  ): Promise<T> {
    try {
      return await this.limiter.run(call, () => {
        if (signal.aborted) {
          throw new BudgetExceededError(`${call} not sent: out of time`);
        }
        return client.send(command, { abortSignal: signal });
      });
    } catch (e) {
      if (e instanceof AwsCallFailure) throw e;
      throw new AwsCallFailure(call, e);
    }
  }

  /**
   * Waits for a shared load until the request's deadline. Past it the
   * caller gets a Timeout error, while the load goes on and fills the cache
   * for the next request.
   */
  private async withDeadline<T>(
    promise: Promise<T>,
    deadline: number,
    ctx: AwsCallContext,
    onTimeout: (error: SectionError) => T = error =>
      ({ error }) as unknown as T,
  ): Promise<T> {
    const timeout = () =>
      onTimeout(sectionErrorOf(new BudgetExceededError('deadline'), ctx));
    const ms = deadline - Date.now();
    if (ms <= 0) {
      promise.catch(() => undefined);
      return timeout();
    }
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<T>(resolve => {
      timer = setTimeout(() => resolve(timeout()), ms);
    });
    try {
      return await Promise.race([promise, expired]);
    } finally {
      clearTimeout(timer);
    }
  }

  private logFailure(error: SectionError, resource: string, cause: unknown) {
    if (cause instanceof CachedSectionError) return; // logged when it happened
    const e = cause instanceof AwsCallFailure ? cause : undefined;
    this.logger.warn('AWS read failed', {
      resource,
      reason: error.name,
      call: e?.call,
      awsError: e ? String((e.error as Error)?.name) : String(cause),
    });
  }
}

function isInvalidPageToken(e: unknown): boolean {
  if (!(e instanceof AwsCallFailure)) return false;
  const name = (e.error as Error)?.name;
  return (
    name === 'InvalidNextTokenException' ||
    ((name === 'InvalidInputException' || name === 'ValidationException') &&
      /token/i.test((e.error as Error).message))
  );
}

function errorOf(e: unknown, ctx: AwsCallContext): SectionError {
  return e instanceof CachedSectionError ? e.section : sectionErrorOf(e, ctx);
}

interface Cursor {
  /** CodeBuild's nextToken of the id page. */
  t?: string;
  /** Offset into that id page. */
  o: number;
}

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

function decodeCursor(token: string | undefined): Cursor {
  if (!token) return { o: 0 };
  try {
    const c = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (
      typeof c === 'object' &&
      c !== null &&
      Number.isInteger(c.o) &&
      c.o >= 0 &&
      (c.t === undefined || typeof c.t === 'string')
    ) {
      return { t: c.t, o: c.o };
    }
  } catch {
    // fall through
  }
  throw new InputError('pageToken is not a token this API returned');
}
