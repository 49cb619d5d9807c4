import { Build } from '@aws-sdk/client-codebuild';
import {
  AwsResourceRef,
  BuildView,
  awsConsoleUrls,
} from '@liftoff/plugin-aws-cicd-common';
import { compact, iso, secondsBetween } from './common';

export function toBuildView(ref: AwsResourceRef, b: Build): BuildView {
  const projectName = b.projectName ?? b.id?.split(':')[0] ?? '';
  const running = b.buildStatus === 'IN_PROGRESS';
  return compact({
    id: b.id!,
    arn: b.arn,
    buildNumber: b.buildNumber,
    projectName,
    status: b.buildStatus ?? 'IN_PROGRESS',
    currentPhase: b.currentPhase,
    startTime: iso(b.startTime),
    endTime: iso(b.endTime),
    durationSeconds: running
      ? undefined
      : secondsBetween(b.startTime, b.endTime),
    sourceVersion: b.sourceVersion,
    resolvedSourceVersion: b.resolvedSourceVersion,
    initiator: b.initiator,
    phases: (b.phases ?? []).map(p =>
      compact({
        phaseType: p.phaseType ?? 'UNKNOWN',
        phaseStatus: p.phaseStatus,
        startTime: iso(p.startTime),
        endTime: iso(p.endTime),
        durationSeconds: p.durationInSeconds,
        contexts: (p.contexts ?? [])
          .filter(c => c.statusCode || c.message)
          .map(c => compact({ statusCode: c.statusCode, message: c.message })),
      }),
    ),
    logsUrl: b.logs?.deepLink,
    consoleUrl: awsConsoleUrls.build(ref, projectName, b.id!),
  });
}

/** Durations of running builds and their current phase, against `now`. */
export function buildWithClock(b: BuildView, now: Date): BuildView {
  if (b.status !== 'IN_PROGRESS') return b;
  return {
    ...b,
    durationSeconds: secondsBetween(b.startTime, now),
    phases: b.phases.map(p =>
      p.startTime && !p.endTime && p.phaseType !== 'COMPLETED'
        ? { ...p, durationSeconds: secondsBetween(p.startTime, now) }
        : p,
    ),
  };
}
