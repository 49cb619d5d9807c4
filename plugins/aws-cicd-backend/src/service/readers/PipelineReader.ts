import {
  ActionExecutionDetail,
  GetPipelineCommand,
  GetPipelineStateCommand,
  ListActionExecutionsCommand,
  ListPipelineExecutionsCommand,
} from '@aws-sdk/client-codepipeline';
import {
  ActionExecutionsResponse,
  ExecutionsPage,
  PipelineRef,
  PipelineSection,
} from '@liftoff/plugin-aws-cicd-common';
import { contextOf } from '../core/context';
import { Scoped, cacheKeys } from '../core/keys';
import { Plumbing, errorOf } from '../core/Plumbing';
import { Loaded } from '../ReadCache';
import { ReadOptions } from '../types';
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
} from '../views/pipeline';

/** A pipeline's section as cached, with what the page derives from it. */
export interface PipelineEntry {
  section: PipelineSection;
  /** CodeBuild projects of the pipeline's actions. */
  projects: string[];
  inProgress: boolean;
}

const MAX_EXECUTIONS_PAGE = 100;
const DEFAULT_EXECUTIONS_PAGE = 20;
const MAX_ACTION_EXECUTION_PAGES = 5;

/** Reads CodePipeline: a pipeline's section, its executions and actions. */
export class PipelineReader {
  constructor(private readonly p: Plumbing) {}

  /** The pipeline's section as the delivery shows it, by the deadline. */
  entry(ref: Scoped<PipelineRef>, deadline: number): Promise<PipelineEntry> {
    return this.p.withDeadline(
      this.p.cache.get(this.p.remember(ref.arn, cacheKeys.pipeline(ref)), () =>
        this.load(ref),
      ),
      deadline,
      contextOf.pipeline(ref),
      error => ({
        section: { name: ref.pipelineName, arn: ref.arn, error },
        projects: [],
        inProgress: false,
      }),
    );
  }

  /**
   * After a write: forgets the pipeline's sections and executions pages (of
   * every role), reads the section again as the writer's role.
   */
  async refresh(ref: Scoped<PipelineRef>): Promise<PipelineSection> {
    await this.p.forget(ref.arn);
    const entry = await this.p.cache.refresh(cacheKeys.pipeline(ref), () =>
      this.load(ref),
    );
    return withClock(entry.section, this.p.now());
  }

  /** Names of the CodeBuild projects the pipeline's actions run. */
  async buildProjects(
    ref: Scoped<PipelineRef>,
    options?: ReadOptions,
  ): Promise<string[]> {
    const definition = await this.p.readForRoute<PipelineDefinition>(
      cacheKeys.pipelineDefinition(ref),
      contextOf.pipeline(ref),
      options,
      async signal => ({
        value: await this.loadDefinition(ref, signal),
        ttlMs: this.p.config.cache.definitionTtlMs,
      }),
    );
    return codeBuildProjectsOf(definition);
  }

  async listExecutions(
    ref: Scoped<PipelineRef>,
    page: { pageToken?: string; pageSize?: number },
    options?: ReadOptions,
  ): Promise<ExecutionsPage> {
    const pageSize = Math.min(
      MAX_EXECUTIONS_PAGE,
      Math.max(1, page.pageSize ?? DEFAULT_EXECUTIONS_PAGE),
    );
    const key = this.p.remember(
      ref.arn,
      cacheKeys.executions(ref, pageSize, page.pageToken),
    );
    const ctx = {
      ...contextOf.pipeline(ref),
      what: `executions of pipeline ${ref.pipelineName}`,
    };
    const value = await this.p.readForRoute<ExecutionsPage>(
      key,
      ctx,
      options,
      async signal => {
        const client = await this.p.clients.codePipeline(ref);
        const output = await this.p.call(
          'CodePipeline.ListPipelineExecutions',
          signal,
          o =>
            client.send(
              new ListPipelineExecutionsCommand({
                pipelineName: ref.pipelineName,
                maxResults: pageSize,
                nextToken: page.pageToken,
              }),
              o,
            ),
        );
        const executions = (output.pipelineExecutionSummaries ?? []).map(
          toExecutionSummary,
        );
        const running = executions.some(e =>
          ['InProgress', 'Stopping'].includes(e.status),
        );
        return {
          value: {
            executions,
            ...(output.nextToken ? { nextPageToken: output.nextToken } : {}),
          },
          // The first page is live; older pages are history.
          ttlMs:
            running || !page.pageToken
              ? this.p.config.cache.inProgressTtlMs
              : this.p.config.cache.finishedTtlMs,
        };
      },
    );
    const now = this.p.now();
    return {
      ...value,
      executions: value.executions.map(e => executionWithClock(e, now)),
    };
  }

  async listActionExecutions(
    ref: Scoped<PipelineRef>,
    pipelineExecutionId: string,
    options?: ReadOptions,
  ): Promise<ActionExecutionsResponse> {
    const ctx = {
      ...contextOf.pipeline(ref),
      what: `execution ${pipelineExecutionId} of pipeline ${ref.pipelineName}`,
    };
    const value = await this.p.readForRoute<ActionExecutionsResponse>(
      cacheKeys.actions(ref, pipelineExecutionId),
      ctx,
      options,
      async signal => {
        const client = await this.p.clients.codePipeline(ref);
        const details: ActionExecutionDetail[] = [];
        let nextToken: string | undefined;
        for (let i = 0; i < MAX_ACTION_EXECUTION_PAGES; i++) {
          const pageToken = nextToken;
          const output = await this.p.call(
            'CodePipeline.ListActionExecutions',
            signal,
            o =>
              client.send(
                new ListActionExecutionsCommand({
                  pipelineName: ref.pipelineName,
                  filter: { pipelineExecutionId },
                  maxResults: 100,
                  nextToken: pageToken,
                }),
                o,
              ),
          );
          details.push(...(output.actionExecutionDetails ?? []));
          nextToken = output.nextToken;
          if (!nextToken) break;
        }
        const actionExecutions = details.map(toActionExecutionView);
        const running = actionExecutions.some(a => a.status === 'InProgress');
        return {
          value: { pipelineExecutionId, actionExecutions },
          ttlMs: running
            ? this.p.config.cache.inProgressTtlMs
            : this.p.config.cache.finishedTtlMs,
        };
      },
    );
    const now = this.p.now();
    return {
      ...value,
      actionExecutions: value.actionExecutions.map(a =>
        actionExecutionWithClock(a, now),
      ),
    };
  }

  private async load(ref: Scoped<PipelineRef>): Promise<Loaded<PipelineEntry>> {
    const signal = this.p.budget();
    try {
      const client = await this.p.clients.codePipeline(ref);
      const [definition, state, executions] = await Promise.all([
        this.definition(ref, signal),
        this.p.call('CodePipeline.GetPipelineState', signal, o =>
          client.send(
            new GetPipelineStateCommand({ name: ref.pipelineName }),
            o,
          ),
        ),
        this.p.call('CodePipeline.ListPipelineExecutions', signal, o =>
          client.send(
            new ListPipelineExecutionsCommand({
              pipelineName: ref.pipelineName,
              maxResults: DEFAULT_EXECUTIONS_PAGE,
            }),
            o,
          ),
        ),
      ]);
      const pipeline = toPipelineView(
        ref,
        definition,
        state,
        executions.pipelineExecutionSummaries?.[0],
      );
      // The latest execution and the history's first page: one call.
      const summaries = (executions.pipelineExecutionSummaries ?? []).map(
        toExecutionSummary,
      );
      const history: ExecutionsPage = {
        executions: summaries,
        ...(executions.nextToken
          ? { nextPageToken: executions.nextToken }
          : {}),
      };
      const historyRunning = summaries.some(e =>
        ['InProgress', 'Stopping'].includes(e.status),
      );
      return {
        value: {
          section: { name: ref.pipelineName, arn: ref.arn, pipeline, history },
          projects: codeBuildProjectsOf(definition),
          inProgress: pipeline.inProgress,
        },
        ttlMs: this.p.liveTtl(pipeline.inProgress || historyRunning),
      };
    } catch (e) {
      const error = errorOf(e, contextOf.pipeline(ref));
      this.p.logFailure(error, ref.arn, e);
      return {
        value: {
          section: { name: ref.pipelineName, arn: ref.arn, error },
          projects: [],
          inProgress: false,
        },
        ttlMs: this.p.errorTtl(error),
      };
    }
  }

  /** The pipeline's declaration, cached longer than its state. */
  private definition(
    ref: Scoped<PipelineRef>,
    signal: AbortSignal,
  ): Promise<PipelineDefinition> {
    return this.p.definition(
      cacheKeys.pipelineDefinition(ref),
      contextOf.pipeline(ref),
      () => this.loadDefinition(ref, signal),
    );
  }

  private async loadDefinition(
    ref: Scoped<PipelineRef>,
    signal: AbortSignal,
  ): Promise<PipelineDefinition> {
    const client = await this.p.clients.codePipeline(ref);
    const output = await this.p.call('CodePipeline.GetPipeline', signal, o =>
      client.send(new GetPipelineCommand({ name: ref.pipelineName }), o),
    );
    return toPipelineDefinition(output);
  }
}

/** Durations and countdowns of a cached section, against `now`. */
export function withClock(
  section: PipelineSection,
  now: Date,
): PipelineSection {
  if (!section.pipeline) return section;
  const timed: PipelineSection = {
    ...section,
    pipeline: pipelineWithClock(section.pipeline, now),
  };
  if (section.history) {
    timed.history = {
      ...section.history,
      executions: section.history.executions.map(e =>
        executionWithClock(e, now),
      ),
    };
  }
  return timed;
}
