import type {
  BuildPhase,
  BuildPhaseType,
  StatusType,
} from '@aws-sdk/client-codebuild';
import { arns, consoleUrls, Scope } from '../arn';
import { BuildFailure, BuildRecord, ProjectRecord } from '../model/records';
import { Partition } from '../model/store';
import { SimCore } from './core';

/** Phases in run order with their share of a build's time (BUILD takes whatever is left). */
const PHASES: { type: BuildPhaseType; seconds: [number, number] }[] = [
  { type: 'SUBMITTED', seconds: [0.5, 1.5] },
  { type: 'QUEUED', seconds: [1, 4] },
  { type: 'PROVISIONING', seconds: [12, 25] },
  { type: 'DOWNLOAD_SOURCE', seconds: [3, 8] },
  { type: 'INSTALL', seconds: [15, 35] },
  { type: 'PRE_BUILD', seconds: [4, 12] },
  { type: 'BUILD', seconds: [0, 0] },
  { type: 'POST_BUILD', seconds: [3, 10] },
  { type: 'UPLOAD_ARTIFACTS', seconds: [2, 6] },
  { type: 'FINALIZING', seconds: [2, 4] },
];

/** Phases that still run after a failure (CodeBuild always finalizes; POST_BUILD runs after a failed BUILD). */
const AFTER_FAILURE: BuildPhaseType[] = ['POST_BUILD', 'FINALIZING'];

export interface StartBuildOptions {
  initiator: string;
  sourceVersion?: string;
  resolvedSourceVersion?: string;
}

/** Runs CodeBuild builds phase by phase on the simulation clock. */
export class BuildEngine {
  constructor(private readonly core: SimCore) {}

  start(
    partition: Partition,
    project: ProjectRecord,
    options: StartBuildOptions,
    onDone?: (record: BuildRecord) => void,
  ): BuildRecord {
    const { clock, rng } = this.core;
    const scope = partition.scope;
    const name = project.project.name;
    const uuid = rng.uuid();
    const id = `${name}:${uuid}`;
    const failure = project.failNext.shift();
    const now = clock.now();
    const record: BuildRecord = {
      build: {
        id,
        arn: arns.build(scope, id),
        buildNumber: project.nextBuildNumber++,
        startTime: now,
        currentPhase: 'SUBMITTED',
        buildStatus: 'IN_PROGRESS',
        sourceVersion: options.sourceVersion,
        resolvedSourceVersion: options.resolvedSourceVersion,
        projectName: name,
        phases: [{ phaseType: 'SUBMITTED', startTime: now }],
        source: {
          type: 'CODEPIPELINE',
          buildspec: project.project.source?.buildspec,
        },
        artifacts: {
          location: `arn:aws:s3:::codepipeline-${scope.region}-${scope.account}/${name}/${uuid.slice(0, 8)}`,
        },
        environment: project.project.environment,
        serviceRole: project.project.serviceRole,
        logs: this.logs(scope, name, uuid),
        timeoutInMinutes: project.project.timeoutInMinutes ?? 60,
        queuedTimeoutInMinutes: project.project.queuedTimeoutInMinutes ?? 480,
        buildComplete: false,
        initiator: options.initiator,
        encryptionKey: `arn:aws:kms:${scope.region}:${scope.account}:alias/aws/s3`,
      },
      timers: [],
    };
    partition.builds.set(id, record);
    project.builds.push(id);
    this.schedule(record, project, failure, onDone);
    return record;
  }

  private logs(scope: Scope, project: string, stream: string) {
    const groupName = `/aws/codebuild/${project}`;
    return {
      groupName,
      streamName: stream,
      deepLink: consoleUrls.logs(scope, groupName, stream),
      cloudWatchLogsArn: `${arns.logGroup(scope, groupName)}:log-stream:${stream}`,
    };
  }

  /** Lays out the phase timeline up front (one draw per phase) and schedules each transition. */
  private schedule(
    record: BuildRecord,
    project: ProjectRecord,
    failure: BuildFailure | undefined,
    onDone?: (record: BuildRecord) => void,
  ): void {
    const { clock, rng } = this.core;
    const total = rng.between(project.duration.min, project.duration.max);
    const durations = PHASES.map(p => rng.between(p.seconds[0], p.seconds[1]));
    const fixed = durations.reduce((a, b) => a + b, 0);
    const buildIndex = PHASES.findIndex(p => p.type === 'BUILD');
    durations[buildIndex] = Math.max(10, total - fixed);
    if (failure) {
      // A failing phase stops part-way through.
      const at = PHASES.findIndex(p => p.type === failure.phase);
      if (at >= 0)
        durations[at] = Math.max(1, durations[at] * rng.between(0.2, 0.8));
    }

    let failedAt: number | undefined;
    let offset = 0;
    const plan: { index: number; status: StatusType }[] = [];
    for (let i = 0; i < PHASES.length; i++) {
      if (failedAt !== undefined && !AFTER_FAILURE.includes(PHASES[i].type))
        continue;
      const fails =
        failure !== undefined &&
        failedAt === undefined &&
        PHASES[i].type === failure.phase;
      if (fails) failedAt = i;
      plan.push({ index: i, status: fails ? failure!.status : 'SUCCEEDED' });
    }

    const start = clock.nowMs();
    plan.forEach((step, k) => {
      offset += durations[step.index];
      const next = plan[k + 1];
      record.timers.push(
        clock.at(start + offset * 1000, () => {
          this.endPhase(
            record,
            step.status,
            step.status === 'SUCCEEDED' ? undefined : failure?.message,
          );
          if (next) {
            this.beginPhase(record, PHASES[next.index].type);
          } else {
            this.complete(
              record,
              failedAt !== undefined
                ? plan.find(p => p.index === failedAt)!.status
                : 'SUCCEEDED',
            );
            onDone?.(record);
          }
        }),
      );
    });
  }

  private current(record: BuildRecord): BuildPhase {
    const phases = record.build.phases!;
    return phases[phases.length - 1];
  }

  private beginPhase(record: BuildRecord, type: BuildPhaseType): void {
    record.build.phases!.push({
      phaseType: type,
      startTime: this.core.clock.now(),
    });
    record.build.currentPhase = type;
  }

  private endPhase(
    record: BuildRecord,
    status: StatusType,
    message?: string,
  ): void {
    const phase = this.current(record);
    const now = this.core.clock.now();
    phase.phaseStatus = status;
    phase.endTime = now;
    phase.durationInSeconds = Math.round(
      (now.getTime() - phase.startTime!.getTime()) / 1000,
    );
    if (status !== 'SUCCEEDED' && message) {
      phase.contexts = [
        {
          statusCode:
            status === 'TIMED_OUT'
              ? 'BUILD_TIMED_OUT'
              : 'COMMAND_EXECUTION_ERROR',
          message,
        },
      ];
    } else if (phase.phaseType !== 'SUBMITTED') {
      phase.contexts = [{ statusCode: '', message: '' }];
    }
    if (status !== 'SUCCEEDED') record.build.buildStatus = status;
  }

  private complete(record: BuildRecord, status: StatusType): void {
    const now = this.core.clock.now();
    record.build.phases!.push({ phaseType: 'COMPLETED', startTime: now });
    record.build.currentPhase = 'COMPLETED';
    record.build.buildStatus = status;
    record.build.endTime = now;
    record.build.buildComplete = true;
  }
}
