import type {
  ActionExecutionDetail,
  ActionState,
  GetPipelineExecutionOutput,
  GetPipelineOutput,
  GetPipelineStateOutput,
  ListActionExecutionsOutput,
  ListPipelineExecutionsOutput,
  ListPipelinesOutput,
  PipelineExecutionSummary,
  StageState,
} from '@aws-sdk/client-codepipeline';
import { consoleUrls } from '../arn';
import { AwsError, validationError } from '../errors';
import {
  ActionRun,
  Commit,
  ExecutionRecord,
  PipelineRecord,
  StageDeclarationRecord,
} from '../model/records';
import { Partition } from '../model/store';
import { coralDialect, Input } from '../protocol/input';
import { invalidNextToken, paginate } from '../protocol/pagination';
import { RequestContext, ServiceDefinition } from '../protocol/service';
import { createPipelineRecord } from '../sim/resources';
import { Simulation } from '../sim/simulation';

const NAME = {
  required: true,
  min: 1,
  max: 100,
  pattern: /^[A-Za-z0-9.@\-_]+$/,
} as const;
const EXECUTION_ID = {
  required: true,
  pattern: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
} as const;
const STAGE_NAME = {
  required: true,
  min: 1,
  max: 100,
  pattern: /^[A-Za-z0-9.@\-_]+$/,
} as const;

type Output<T> = Omit<T, '$metadata'>;

function pipelineNotFound(name: string): AwsError {
  return new AwsError(
    'PipelineNotFoundException',
    `Account does not have a pipeline with name '${name}'`,
  );
}

function executionNotFound(id: string, pipeline: string): AwsError {
  return new AwsError(
    'PipelineExecutionNotFoundException',
    `Pipeline execution with id '${id}' does not exist in pipeline with name '${pipeline}'`,
  );
}

/** CodePipeline (AWS JSON 1.1, `CodePipeline_20150709`). */
export function codePipelineService(sim: Simulation): ServiceDefinition {
  const partitionOf = (ctx: RequestContext): Partition => sim.partition(ctx);
  /** clientRequestToken -> execution id, for idempotent StartPipelineExecution. */
  const clientTokens = new Map<string, string>();

  function pipelineFor(
    input: Input,
    ctx: RequestContext,
    member: string,
    action: string,
  ): PipelineRecord {
    const name = input.string(member, NAME);
    const pipeline = partitionOf(ctx).pipelines.get(name);
    if (!pipeline) throw pipelineNotFound(name);
    ctx.authorize(`codepipeline:${action}`, pipeline.arn);
    return pipeline;
  }

  function executionFor(pipeline: PipelineRecord, id: string): ExecutionRecord {
    const exec = pipeline.executions.find(e => e.id === id);
    if (!exec) throw executionNotFound(id, pipeline.declaration.name);
    return exec;
  }

  function actionState(
    pipeline: PipelineRecord,
    stage: StageDeclarationRecord,
    actionName: string,
  ): ActionState {
    const decl = stage.actions.find(a => a.name === actionName)!;
    let run: ActionRun | undefined;
    let commit: Commit | undefined;
    for (let i = pipeline.executions.length - 1; i >= 0 && !run; i--) {
      run = pipeline.executions[i].stages
        .get(stage.name)
        ?.actions.get(actionName);
      commit = pipeline.executions[i].commit;
    }
    const scope = pipeline.scope;
    const config = decl.configuration ?? {};
    const state: ActionState = { actionName };
    if (decl.actionTypeId?.provider === 'CodeBuild' && config.ProjectName) {
      state.entityUrl = `https://${scope.region}.console.aws.amazon.com/codesuite/codebuild/projects/${config.ProjectName}`;
    } else if (config.FullRepositoryId) {
      state.entityUrl = `https://github.com/${config.FullRepositoryId}/tree/${config.BranchName ?? 'main'}`;
    } else if (decl.actionTypeId?.provider === 'CodeCommit') {
      state.entityUrl = `https://${scope.region}.console.aws.amazon.com/codesuite/codecommit/repositories/${config.RepositoryName}/browse/refs/heads/${config.BranchName}`;
    } else if (decl.actionTypeId?.provider === 'CloudFormation') {
      state.entityUrl = consoleUrls.stack(scope, config.StackName ?? '');
    }
    if (
      decl.actionTypeId?.category === 'Source' &&
      run?.status === 'Succeeded' &&
      commit
    ) {
      state.currentRevision = {
        revisionId: commit.revisionId,
        revisionChangeId: commit.revisionId,
        created: commit.created,
      };
      state.revisionUrl = commit.url;
    }
    if (run) {
      state.latestExecution = {
        actionExecutionId: run.actionExecutionId,
        status: run.status,
        summary: run.summary,
        lastStatusChange: run.lastUpdateTime,
        token: run.status === 'InProgress' ? run.token : undefined,
        lastUpdatedBy: run.updatedBy,
        externalExecutionId: run.externalExecutionId,
        externalExecutionUrl: run.externalExecutionUrl,
        percentComplete: run.percentComplete,
        errorDetails: run.errorDetails,
        logStreamARN: run.logStreamARN,
      };
    }
    return state;
  }

  function stageState(
    pipeline: PipelineRecord,
    stage: StageDeclarationRecord,
  ): StageState {
    const latest = [...pipeline.executions]
      .reverse()
      .find(e => e.stages.has(stage.name));
    const run = latest?.stages.get(stage.name);
    const inbound = (pipeline.inbound.get(stage.name) ?? [])
      .map(id => pipeline.executions.find(e => e.id === id))
      .filter((e): e is ExecutionRecord =>
        Boolean(e && e.waiting && e.status === 'InProgress'),
      )
      .map(e => ({
        pipelineExecutionId: e.id,
        status: 'InProgress' as const,
        type: e.executionType,
      }));
    return {
      stageName: stage.name,
      inboundExecution: inbound[0],
      inboundExecutions: inbound.length > 0 ? inbound : undefined,
      inboundTransitionState: { enabled: true },
      actionStates: stage.actions.map(a =>
        actionState(pipeline, stage, a.name),
      ),
      latestExecution:
        latest && run
          ? {
              pipelineExecutionId: latest.id,
              status: run.status,
              type: latest.executionType,
            }
          : undefined,
      retryStageMetadata:
        run && run.manualRetries > 0
          ? {
              autoStageRetryAttempt: 0,
              manualStageRetryAttempt: run.manualRetries,
              latestRetryTrigger: 'ManualStageRetry',
            }
          : undefined,
    };
  }

  function executionSummary(exec: ExecutionRecord): PipelineExecutionSummary {
    return {
      pipelineExecutionId: exec.id,
      status: exec.status,
      statusSummary: exec.statusSummary,
      startTime: exec.startTime,
      lastUpdateTime: exec.lastUpdateTime,
      sourceRevisions: exec.sourceRevisions,
      trigger: exec.trigger,
      stopTrigger: exec.stopTrigger,
      executionMode: exec.executionMode,
      executionType: exec.executionType,
    };
  }

  function actionDetail(
    pipeline: PipelineRecord,
    run: ActionRun,
  ): ActionExecutionDetail {
    const decl = run.declaration;
    const config = decl.configuration ?? {};
    const done = run.status !== 'InProgress';
    return {
      pipelineExecutionId: run.pipelineExecutionId,
      actionExecutionId: run.actionExecutionId,
      pipelineVersion: run.pipelineVersion,
      stageName: run.stageName,
      actionName: run.actionName,
      startTime: run.startTime,
      lastUpdateTime: run.lastUpdateTime,
      updatedBy: run.updatedBy,
      status: run.status,
      input: {
        actionTypeId: decl.actionTypeId,
        configuration: config,
        resolvedConfiguration: config,
        roleArn: decl.roleArn,
        region: decl.region ?? pipeline.scope.region,
        inputArtifacts: (decl.inputArtifacts ?? []).map(a => ({
          name: a.name,
          s3location: {
            bucket: pipeline.declaration.artifactStore?.location,
            key: `${pipeline.declaration.name}/${a.name}`,
          },
        })),
        namespace: decl.namespace,
      },
      output: {
        outputArtifacts: done
          ? (decl.outputArtifacts ?? []).map(a => ({
              name: a.name,
              s3location: {
                bucket: pipeline.declaration.artifactStore?.location,
                key: `${pipeline.declaration.name}/${a.name}`,
              },
            }))
          : [],
        executionResult: {
          externalExecutionId: run.externalExecutionId,
          externalExecutionSummary: run.summary,
          externalExecutionUrl: run.externalExecutionUrl,
          errorDetails: run.errorDetails,
          logStreamARN: run.logStreamARN,
        },
        outputVariables: run.outputVariables ?? {},
      },
    };
  }

  /** Reads a pipeline declaration from CreatePipeline input, with the structural checks CodePipeline makes. */
  function readDeclaration(p: Input): PipelineRecord['declaration'] {
    const name = p.string('name', NAME);
    const roleArn = p.string('roleArn', {
      required: true,
      max: 1024,
      pattern: /^arn:aws(-[\w]+)*:iam::\d{12}:role\/.+$/,
    });
    const stagesInput = p.objectList('stages', { required: true })!;
    if (stagesInput.length < 2)
      throw new AwsError(
        'InvalidStructureException',
        'Pipeline must have at least two stages',
      );
    const stageNames = new Set<string>();
    const stages = stagesInput.map((s, si) => {
      const stageName = s.string('name', STAGE_NAME);
      if (stageNames.has(stageName))
        throw new AwsError(
          'InvalidStageDeclarationException',
          `Duplicate stage name ${stageName}`,
        );
      stageNames.add(stageName);
      const actions = s.objectList('actions', { required: true })!;
      if (actions.length === 0)
        throw new AwsError(
          'InvalidStageDeclarationException',
          `Stage ${stageName} has no actions`,
        );
      return {
        name: stageName,
        actions: actions.map(a => {
          const actionName = a.string('name', {
            required: true,
            min: 1,
            max: 100,
            pattern: /^[A-Za-z0-9.@\-_]+$/,
          });
          const type = a.object('actionTypeId', { required: true });
          const category = type.enum(
            'category',
            [
              'Source',
              'Build',
              'Deploy',
              'Test',
              'Invoke',
              'Approval',
              'Compute',
            ],
            { required: true },
          );
          if ((si === 0) !== (category === 'Source')) {
            throw new AwsError(
              'InvalidActionDeclarationException',
              si === 0
                ? `Action ${actionName} in the first stage must be a Source action`
                : `Source action ${actionName} must be in the first stage`,
            );
          }
          const runOrder = a.number('runOrder', { min: 1, max: 999 });
          return {
            name: actionName,
            actionTypeId: {
              category,
              owner: type.enum('owner', ['AWS', 'ThirdParty', 'Custom'], {
                required: true,
              }),
              provider: type.string('provider', {
                required: true,
                min: 1,
                max: 35,
              }),
              version: type.string('version', {
                required: true,
                min: 1,
                max: 9,
              }),
            },
            runOrder: runOrder ?? 1,
            configuration: a.stringMap('configuration'),
            inputArtifacts: (a.objectList('inputArtifacts') ?? []).map(x => ({
              name: x.string('name', { required: true }),
            })),
            outputArtifacts: (a.objectList('outputArtifacts') ?? []).map(x => ({
              name: x.string('name', { required: true }),
            })),
            namespace: a.string('namespace'),
            region: a.string('region'),
            roleArn: a.string('roleArn'),
          };
        }),
      };
    });
    const store = p.object('artifactStore');
    if (!store && !p.has('artifactStores')) {
      throw new AwsError(
        'InvalidStructureException',
        'Pipeline must have an artifactStore or artifactStores',
      );
    }
    const executionMode = p.enum('executionMode', [
      'QUEUED',
      'SUPERSEDED',
      'PARALLEL',
    ]);
    const pipelineType = p.enum('pipelineType', ['V1', 'V2']);
    if (
      executionMode &&
      executionMode !== 'SUPERSEDED' &&
      pipelineType !== 'V2'
    ) {
      throw validationError(
        `Execution mode ${executionMode} is only supported for pipelines of type V2`,
      );
    }
    return {
      name,
      roleArn,
      artifactStore: store
        ? {
            type: store.enum('type', ['S3'] as const, { required: true }),
            location: store.string('location', { required: true }),
          }
        : undefined,
      stages,
      version: 1,
      executionMode: executionMode ?? 'SUPERSEDED',
      pipelineType: pipelineType ?? 'V1',
      variables: (p.objectList('variables') ?? []).map(v => ({
        name: v.string('name', { required: true }),
        defaultValue: v.string('defaultValue'),
        description: v.string('description'),
      })),
    };
  }

  return {
    name: 'CodePipeline',
    protocol: 'json',
    targetPrefix: 'CodePipeline_20150709',
    jsonVersion: '1.1',
    signingName: 'codepipeline',
    queryCompatible: false,
    dialect: coralDialect('ValidationException'),
    errors: {
      accessDenied: { code: 'AccessDeniedException' },
      throttling: { code: 'ThrottlingException' },
    },
    operations: {
      ListPipelines(input, ctx): Output<ListPipelinesOutput> {
        const maxResults =
          input.number('maxResults', { min: 1, max: 1000 }) ?? 100;
        const pipelines = [...partitionOf(ctx).pipelines.values()].sort(
          (a, b) => a.declaration.name.localeCompare(b.declaration.name),
        );
        const { page, nextToken } = paginate(pipelines, {
          nextToken: input.string('nextToken', { min: 1, max: 2048 }),
          pageSize: maxResults,
          scope: `ListPipelines/${ctx.account}/${ctx.region}`,
          invalid: invalidNextToken(),
        });
        return {
          pipelines: page.map(p => ({
            name: p.declaration.name,
            version: p.declaration.version,
            pipelineType: p.declaration.pipelineType,
            executionMode: p.declaration.executionMode,
            created: p.created,
            updated: p.updated,
          })),
          nextToken,
        };
      },

      GetPipeline(input, ctx): Output<GetPipelineOutput> {
        const pipeline = pipelineFor(input, ctx, 'name', 'GetPipeline');
        const version = input.number('version', { min: 1 });
        if (version !== undefined && version !== pipeline.declaration.version) {
          throw new AwsError(
            'PipelineVersionNotFoundException',
            `Pipeline version ${version} does not exist`,
          );
        }
        return {
          pipeline: pipeline.declaration,
          metadata: {
            pipelineArn: pipeline.arn,
            created: pipeline.created,
            updated: pipeline.updated,
          },
        };
      },

      GetPipelineState(input, ctx): Output<GetPipelineStateOutput> {
        const pipeline = pipelineFor(input, ctx, 'name', 'GetPipelineState');
        return {
          pipelineName: pipeline.declaration.name,
          pipelineVersion: pipeline.declaration.version,
          stageStates: pipeline.declaration.stages.map(s =>
            stageState(pipeline, s),
          ),
          created: pipeline.created,
          updated: pipeline.updated,
        };
      },

      ListPipelineExecutions(input, ctx): Output<ListPipelineExecutionsOutput> {
        const pipeline = pipelineFor(
          input,
          ctx,
          'pipelineName',
          'ListPipelineExecutions',
        );
        const maxResults =
          input.number('maxResults', { min: 1, max: 100 }) ?? 100;
        const stage = input
          .object('filter')
          ?.object('succeededInStage')
          ?.string('stageName', STAGE_NAME);
        let executions = [...pipeline.executions].reverse();
        if (stage)
          executions = executions.filter(
            e => e.stages.get(stage)?.status === 'Succeeded',
          );
        const { page, nextToken } = paginate(executions, {
          nextToken: input.string('nextToken', { min: 1, max: 2048 }),
          pageSize: maxResults,
          scope: `ListPipelineExecutions/${pipeline.arn}/${stage ?? ''}`,
          invalid: invalidNextToken(),
        });
        return {
          pipelineExecutionSummaries: page.map(executionSummary),
          nextToken,
        };
      },

      GetPipelineExecution(input, ctx): Output<GetPipelineExecutionOutput> {
        const pipeline = pipelineFor(
          input,
          ctx,
          'pipelineName',
          'GetPipelineExecution',
        );
        const exec = executionFor(
          pipeline,
          input.string('pipelineExecutionId', EXECUTION_ID),
        );
        return {
          pipelineExecution: {
            pipelineName: pipeline.declaration.name,
            pipelineVersion: exec.pipelineVersion,
            pipelineExecutionId: exec.id,
            status: exec.status,
            statusSummary: exec.statusSummary,
            artifactRevisions: exec.artifactRevisions,
            variables: exec.variables,
            trigger: exec.trigger,
            executionMode: exec.executionMode,
            executionType: exec.executionType,
          },
        };
      },

      ListActionExecutions(input, ctx): Output<ListActionExecutionsOutput> {
        const pipeline = pipelineFor(
          input,
          ctx,
          'pipelineName',
          'ListActionExecutions',
        );
        const maxResults =
          input.number('maxResults', { min: 1, max: 100 }) ?? 100;
        const filter = input.object('filter');
        const execId = filter?.string('pipelineExecutionId', {
          pattern: EXECUTION_ID.pattern,
        });
        const latestIn = filter?.object('latestInPipelineExecution');
        let runs = pipeline.executions.flatMap(e => e.actionRuns);
        if (execId) {
          executionFor(pipeline, execId);
          runs = runs.filter(r => r.pipelineExecutionId === execId);
        }
        if (latestIn) {
          const id = latestIn.string('pipelineExecutionId', EXECUTION_ID);
          executionFor(pipeline, id);
          const exec = pipeline.executions.find(e => e.id === id)!;
          const latest = new Set(
            [...exec.stages.values()].flatMap(s => [...s.actions.values()]),
          );
          runs = runs.filter(r => latest.has(r));
        }
        runs = [...runs].sort(
          (a, b) => b.startTime.getTime() - a.startTime.getTime(),
        );
        const { page, nextToken } = paginate(runs, {
          nextToken: input.string('nextToken', { min: 1, max: 2048 }),
          pageSize: maxResults,
          scope: `ListActionExecutions/${pipeline.arn}/${execId ?? ''}`,
          invalid: invalidNextToken(),
        });
        return {
          actionExecutionDetails: page.map(r => actionDetail(pipeline, r)),
          nextToken,
        };
      },

      StartPipelineExecution(input, ctx) {
        const pipeline = pipelineFor(
          input,
          ctx,
          'name',
          'StartPipelineExecution',
        );
        const variables = (
          input.objectList('variables', { max: 50 }) ?? []
        ).map(v => ({
          name: v.string('name', { required: true, min: 1, max: 128 }),
          value: v.string('value', { required: true, min: 1, max: 1000 }),
        }));
        const token = input.string('clientRequestToken', { min: 1, max: 128 });
        const overrides =
          input.objectList('sourceRevisions', { max: 50 }) ?? [];
        let commit = pipeline.head;
        for (const o of overrides) {
          const actionName = o.string('actionName', { required: true });
          o.string('revisionType', {
            required: true,
            oneOf: [
              'COMMIT_ID',
              'IMAGE_DIGEST',
              'S3_OBJECT_VERSION_ID',
              'S3_OBJECT_KEY',
            ],
          });
          const value = o.string('revisionValue', {
            required: true,
            min: 1,
            max: 1500,
          });
          if (
            !pipeline.declaration.stages[0].actions.some(
              a => a.name === actionName,
            )
          ) {
            throw validationError(
              `Source action ${actionName} does not exist in pipeline ${pipeline.declaration.name}`,
            );
          }
          commit = {
            revisionId: value,
            summary: `Revision override ${value}`,
            created: sim.clock.now(),
          };
        }
        if (token) {
          const previous = clientTokens.get(`${pipeline.arn}/${token}`);
          if (previous) return { pipelineExecutionId: previous };
        }
        const declared = new Set(
          (pipeline.declaration.variables ?? []).map(v => v.name),
        );
        for (const v of variables) {
          if (!declared.has(v.name))
            throw validationError(
              `Variable ${v.name} is not declared in pipeline ${pipeline.declaration.name}`,
            );
        }
        const exec = sim.pipelines.start(partitionOf(ctx), pipeline, {
          trigger: {
            triggerType: 'StartPipelineExecution',
            triggerDetail: `arn:aws:iam::${ctx.account}:user/${ctx.accessKeyId ?? 'anonymous'}`,
          },
          commit,
          variables,
        });
        if (token) clientTokens.set(`${pipeline.arn}/${token}`, exec.id);
        return { pipelineExecutionId: exec.id };
      },

      StopPipelineExecution(input, ctx) {
        const pipeline = pipelineFor(
          input,
          ctx,
          'pipelineName',
          'StopPipelineExecution',
        );
        const exec = executionFor(
          pipeline,
          input.string('pipelineExecutionId', EXECUTION_ID),
        );
        const abandon = input.boolean('abandon') ?? false;
        const reason = input.string('reason', { max: 200 });
        sim.pipelines.stop(partitionOf(ctx), pipeline, exec, abandon, reason);
        return { pipelineExecutionId: exec.id };
      },

      RetryStageExecution(input, ctx) {
        const pipeline = pipelineFor(
          input,
          ctx,
          'pipelineName',
          'RetryStageExecution',
        );
        const stageName = input.string('stageName', STAGE_NAME);
        const execId = input.string('pipelineExecutionId', EXECUTION_ID);
        const mode = input.enum(
          'retryMode',
          ['FAILED_ACTIONS', 'ALL_ACTIONS'],
          { required: true },
        );
        if (!pipeline.declaration.stages.some(s => s.name === stageName)) {
          throw new AwsError(
            'StageNotFoundException',
            `Stage ${stageName} does not exist in pipeline ${pipeline.declaration.name}`,
          );
        }
        const exec = executionFor(pipeline, execId);
        sim.pipelines.retry(partitionOf(ctx), pipeline, exec, stageName, mode);
        return { pipelineExecutionId: exec.id };
      },

      PutApprovalResult(input, ctx) {
        const pipeline = pipelineFor(
          input,
          ctx,
          'pipelineName',
          'PutApprovalResult',
        );
        const stageName = input.string('stageName', STAGE_NAME);
        const actionName = input.string('actionName', {
          required: true,
          min: 1,
          max: 100,
        });
        const result = input.object('result', { required: true });
        const summary = result.string('summary', { required: true, max: 512 });
        const status = result.enum('status', ['Approved', 'Rejected'], {
          required: true,
        });
        const token = input.string('token', {
          required: true,
          pattern: EXECUTION_ID.pattern,
        });
        const stage = pipeline.declaration.stages.find(
          s => s.name === stageName,
        );
        if (!stage)
          throw new AwsError(
            'StageNotFoundException',
            `Stage ${stageName} does not exist in pipeline ${pipeline.declaration.name}`,
          );
        const action = stage.actions.find(a => a.name === actionName);
        if (!action)
          throw new AwsError(
            'ActionNotFoundException',
            `Action ${actionName} does not exist in stage ${stageName}`,
          );
        if (action.actionTypeId?.category !== 'Approval') {
          throw new AwsError(
            'InvalidApprovalTokenException',
            `Action ${actionName} is not an approval action`,
          );
        }
        const approvedAt = sim.pipelines.approve(
          partitionOf(ctx),
          pipeline,
          stageName,
          actionName,
          token,
          status,
          summary,
          `arn:aws:iam::${ctx.account}:user/${ctx.accessKeyId ?? 'anonymous'}`,
        );
        return { approvedAt };
      },

      CreatePipeline(input, ctx) {
        const p = input.object('pipeline', { required: true });
        const declaration = readDeclaration(p);
        const partition = partitionOf(ctx);
        ctx.authorize(
          'codepipeline:CreatePipeline',
          `arn:aws:codepipeline:${ctx.region}:${ctx.account}:${declaration.name}`,
        );
        if (partition.pipelines.has(declaration.name)) {
          throw new AwsError(
            'PipelineNameInUseException',
            `A pipeline with the name '${declaration.name}' already exists`,
          );
        }
        const tags = (input.objectList('tags') ?? []).map(t => ({
          key: t.string('key', { required: true, min: 1, max: 128 }),
          value: t.string('value', { required: true, max: 256 }),
        }));
        const now = sim.clock.now();
        const record = createPipelineRecord(partition, declaration, now);
        record.head = {
          revisionId: sim.rng.hex(40),
          summary: 'Initial commit',
          created: now,
        };
        // A new pipeline runs once right away (trigger CreatePipeline), as on AWS.
        sim.pipelines.start(partition, record, {
          trigger: {
            triggerType: 'CreatePipeline',
            triggerDetail: ctx.accessKeyId,
          },
        });
        return { pipeline: record.declaration, tags };
      },
    },
  };
}
