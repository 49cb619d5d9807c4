import {
  ActionExecutionDetail,
  GetPipelineOutput,
  GetPipelineStateOutput,
  PipelineExecutionSummary,
} from '@aws-sdk/client-codepipeline';
import {
  ActionExecutionView,
  ActionExecutionStatus,
  ExecutionSummary,
  PipelineActionView,
  PipelineExecutionStatus,
  PipelineRef,
  PipelineStageView,
  PipelineView,
  StageExecutionStatus,
  awsConsoleUrls,
} from '@liftoff/plugin-aws-cicd-common';
import { compact, iso, secondsBetween } from './common';

/**
 * The part of a pipeline declaration the page needs, as JSON (it is cached).
 * Of each action's configuration only the keys below are kept: the rest may
 * hold values that have no business in a cache.
 */
export interface PipelineDefinition {
  name: string;
  version?: number;
  executionMode?: string;
  pipelineType?: string;
  stages: Array<{
    name: string;
    actions: Array<{
      name: string;
      category: string;
      owner: string;
      provider: string;
      runOrder: number;
      configuration: Record<string, string>;
    }>;
  }>;
}

const KEPT_CONFIGURATION = [
  'ProjectName',
  'CustomData',
  'ExternalEntityLink',
  'ApplicationName',
  'DeploymentGroupName',
  'StackName',
  'FullRepositoryId',
  'BranchName',
  'RepositoryName',
];

/** Seven days: how long CodePipeline keeps a manual approval open. */
const APPROVAL_LIFETIME_MS = 7 * 24 * 3600 * 1000;

export function toPipelineDefinition(
  output: GetPipelineOutput,
): PipelineDefinition {
  const p = output.pipeline!;
  return compact({
    name: p.name!,
    version: p.version,
    executionMode: p.executionMode,
    pipelineType: p.pipelineType,
    stages: (p.stages ?? []).map(stage => ({
      name: stage.name!,
      actions: (stage.actions ?? []).map(action => {
        const configuration: Record<string, string> = {};
        for (const key of KEPT_CONFIGURATION) {
          const value = action.configuration?.[key];
          if (value !== undefined) configuration[key] = value;
        }
        return {
          name: action.name!,
          category: action.actionTypeId?.category ?? 'Unknown',
          owner: action.actionTypeId?.owner ?? 'AWS',
          provider: action.actionTypeId?.provider ?? 'Unknown',
          runOrder: action.runOrder ?? 1,
          configuration,
        };
      }),
    })),
  });
}

/** The CodeBuild projects the pipeline's Build and Test actions run, in stage order. */
export function codeBuildProjectsOf(definition: PipelineDefinition): string[] {
  const projects = new Set<string>();
  for (const stage of definition.stages) {
    for (const action of stage.actions) {
      if (action.provider === 'CodeBuild' && action.configuration.ProjectName) {
        projects.add(action.configuration.ProjectName);
      }
    }
  }
  return [...projects];
}

const RUNNING_EXECUTION = new Set(['InProgress', 'Stopping']);

export function toExecutionSummary(
  s: PipelineExecutionSummary,
): ExecutionSummary {
  return compact({
    pipelineExecutionId: s.pipelineExecutionId!,
    status: (s.status ?? 'InProgress') as PipelineExecutionStatus,
    statusSummary: s.statusSummary,
    startTime: iso(s.startTime),
    lastUpdateTime: iso(s.lastUpdateTime),
    trigger: s.trigger
      ? compact({
          triggerType: s.trigger.triggerType,
          triggerDetail: s.trigger.triggerDetail,
        })
      : undefined,
    sourceRevisions: (s.sourceRevisions ?? []).map(r =>
      compact({
        actionName: r.actionName,
        revisionId: r.revisionId ?? '',
        summary: r.revisionSummary,
        url: r.revisionUrl,
      }),
    ),
    executionType: s.executionType,
    executionMode: s.executionMode,
    stopReason: s.stopTrigger?.reason,
  });
}

export function toPipelineView(
  ref: PipelineRef,
  definition: PipelineDefinition,
  state: GetPipelineStateOutput,
  latest: PipelineExecutionSummary | undefined,
): PipelineView {
  const stageStates = new Map(
    (state.stageStates ?? []).map(s => [s.stageName, s]),
  );
  const stages: PipelineStageView[] = definition.stages.map(stage => {
    const stageState = stageStates.get(stage.name);
    const actionStates = new Map(
      (stageState?.actionStates ?? []).map(a => [a.actionName, a]),
    );
    const status = stageState?.latestExecution?.status as
      StageExecutionStatus | undefined;
    const actions = stage.actions.map(action => {
      const actionState = actionStates.get(action.name);
      const exec = actionState?.latestExecution;
      const actionStatus = exec?.status as ActionExecutionStatus | undefined;
      const view: PipelineActionView = compact({
        name: action.name,
        category: action.category,
        owner: action.owner,
        provider: action.provider,
        runOrder: action.runOrder,
        status: actionStatus,
        summary: exec?.summary,
        lastStatusChange: iso(exec?.lastStatusChange),
        percentComplete: exec?.percentComplete,
        errorDetails: exec?.errorDetails
          ? compact({
              code: exec.errorDetails.code,
              message: exec.errorDetails.message,
            })
          : undefined,
        externalExecutionId: exec?.externalExecutionId,
        externalExecutionUrl: exec?.externalExecutionUrl,
        buildId:
          action.provider === 'CodeBuild'
            ? exec?.externalExecutionId
            : undefined,
        deploymentId:
          action.provider.startsWith('CodeDeploy') &&
          /^d-/.test(exec?.externalExecutionId ?? '')
            ? exec?.externalExecutionId
            : undefined,
        revision: actionState?.currentRevision?.revisionId
          ? compact({
              actionName: action.name,
              revisionId: actionState.currentRevision.revisionId,
              summary: action.category === 'Source' ? exec?.summary : undefined,
              url: actionState.revisionUrl,
              created: iso(actionState.currentRevision.created),
            })
          : undefined,
        approval:
          action.category === 'Approval'
            ? approvalOf(action.configuration, actionStatus, exec)
            : undefined,
        entityUrl: actionState?.entityUrl,
      });
      return view;
    });
    return {
      name: stage.name,
      ...(status ? { status } : {}),
      ...(stageState?.latestExecution?.pipelineExecutionId
        ? {
            pipelineExecutionId: stageState.latestExecution.pipelineExecutionId,
          }
        : {}),
      inboundTransition: compact({
        enabled: stageState?.inboundTransitionState?.enabled ?? true,
        disabledReason: stageState?.inboundTransitionState?.disabledReason,
        lastChangedBy: stageState?.inboundTransitionState?.lastChangedBy,
        lastChangedAt: iso(stageState?.inboundTransitionState?.lastChangedAt),
      }),
      actions,
      retryable: status === 'Failed',
    };
  });
  const latestExecution = latest ? toExecutionSummary(latest) : undefined;
  const inProgress =
    (latestExecution && RUNNING_EXECUTION.has(latestExecution.status)) ||
    stages.some(
      s =>
        s.status === 'InProgress' ||
        s.status === 'Stopping' ||
        s.actions.some(a => a.approval?.waiting),
    );
  return compact({
    arn: ref.arn,
    region: ref.region,
    accountId: ref.accountId,
    consoleUrl: awsConsoleUrls.pipeline(ref, definition.name),
    name: definition.name,
    version: definition.version,
    executionMode: definition.executionMode,
    pipelineType: definition.pipelineType,
    stages,
    latestExecution,
    inProgress: Boolean(inProgress),
  });
}

function approvalOf(
  configuration: Record<string, string>,
  status: ActionExecutionStatus | undefined,
  exec: { token?: string; lastStatusChange?: Date } | undefined,
): PipelineActionView['approval'] {
  // The token itself never leaves this function: writes fetch it again.
  const waiting = status === 'InProgress' && Boolean(exec?.token);
  return compact({
    waiting,
    expiresAt:
      waiting && exec?.lastStatusChange
        ? iso(new Date(exec.lastStatusChange.getTime() + APPROVAL_LIFETIME_MS))
        : undefined,
    customData: configuration.CustomData,
    externalEntityLink: configuration.ExternalEntityLink,
  });
}

export function toActionExecutionView(
  d: ActionExecutionDetail,
): ActionExecutionView {
  const result = d.output?.executionResult;
  return compact({
    actionExecutionId: d.actionExecutionId!,
    stageName: d.stageName!,
    actionName: d.actionName!,
    status: d.status as ActionExecutionStatus | undefined,
    startTime: iso(d.startTime),
    lastUpdateTime: iso(d.lastUpdateTime),
    category: d.input?.actionTypeId?.category,
    provider: d.input?.actionTypeId?.provider,
    summary: result?.externalExecutionSummary,
    externalExecutionId: result?.externalExecutionId,
    externalExecutionUrl: result?.externalExecutionUrl,
    errorDetails: result?.errorDetails
      ? compact({
          code: result.errorDetails.code,
          message: result.errorDetails.message,
        })
      : undefined,
  });
}

// ---------------------------------------------------------------- the clock

/** Durations of what runs, against `now` (AWS's time frame). Returns a copy. */
export function executionWithClock(
  e: ExecutionSummary,
  now: Date,
): ExecutionSummary {
  const running = RUNNING_EXECUTION.has(e.status);
  const durationSeconds = secondsBetween(
    e.startTime,
    running ? now : e.lastUpdateTime,
  );
  return durationSeconds === undefined ? e : { ...e, durationSeconds };
}

export function actionExecutionWithClock(
  a: ActionExecutionView,
  now: Date,
): ActionExecutionView {
  const durationSeconds = secondsBetween(
    a.startTime,
    a.status === 'InProgress' ? now : a.lastUpdateTime,
  );
  return durationSeconds === undefined ? a : { ...a, durationSeconds };
}

export function pipelineWithClock(view: PipelineView, now: Date): PipelineView {
  return {
    ...view,
    latestExecution: view.latestExecution
      ? executionWithClock(view.latestExecution, now)
      : undefined,
    stages: view.stages.map(stage => ({
      ...stage,
      actions: stage.actions.map(action =>
        action.status === 'InProgress' && action.lastStatusChange
          ? {
              ...action,
              durationSeconds: secondsBetween(action.lastStatusChange, now),
            }
          : action,
      ),
    })),
  };
}
