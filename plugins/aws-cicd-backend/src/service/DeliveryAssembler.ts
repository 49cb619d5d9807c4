import {
  AwsCicdTargets,
  DeliveryResponse,
  buildProjectRef,
} from '@liftoff/plugin-aws-cicd-common';
import { Plumbing } from './core/Plumbing';
import { projectId } from './core/keys';
import { BuildProjectReader } from './readers/BuildProjectReader';
import {
  DeploymentGroupReader,
  withClock as groupWithClock,
} from './readers/DeploymentGroupReader';
import {
  PipelineReader,
  withClock as pipelineWithClock,
} from './readers/PipelineReader';
import { ReadOptions } from './types';
import { buildWithClock } from './views/builds';

/**
 * The entity page's one response: every section of every resource, each
 * by the request's deadline and with its own error, put on one clock.
 */
export class DeliveryAssembler {
  private readonly running = new Map<string, Promise<DeliveryResponse>>();

  constructor(
    private readonly p: Plumbing,
    private readonly pipelines: PipelineReader,
    private readonly groups: DeploymentGroupReader,
    private readonly builds: BuildProjectReader,
  ) {}

  /**
   * Concurrent views of the same entity share one assembly (cache reads,
   * clock, response object), not only the AWS calls behind it.
   */
  get(
    entityRef: string,
    targets: AwsCicdTargets,
    options?: ReadOptions,
  ): Promise<DeliveryResponse> {
    const key = JSON.stringify([
      entityRef,
      options?.roleArn ?? null,
      targets.pipelines.map(p => p.arn),
      targets.deploymentGroups.map(g => g.arn),
      targets.buildProjects.map(b => b.arn),
    ]);
    const running = this.running.get(key);
    if (running) return running;
    const promise = this.assemble(entityRef, targets, options).finally(() =>
      this.running.delete(key),
    );
    this.running.set(key, promise);
    return promise;
  }

  private async assemble(
    entityRef: string,
    targets: AwsCicdTargets,
    options?: ReadOptions,
  ): Promise<DeliveryResponse> {
    const deadline = this.p.deadlineOf(options);
    const roleArn = options?.roleArn;
    const pipelines = targets.pipelines.map(p =>
      this.pipelines.entry({ ...p, roleArn }, deadline),
    );
    const groups = targets.deploymentGroups.map(g =>
      this.groups.section({ ...g, roleArn }, deadline),
    );
    const annotatedBuilds = targets.buildProjects.map(b =>
      this.builds.section({ ...b, roleArn }, 'annotation', deadline),
    );
    // The projects of the pipelines' CodeBuild actions, once each pipeline
    // is known; without waiting for the other sections.
    const seen = new Set(targets.buildProjects.map(projectId));
    const pipelineBuilds = pipelines.map(async (entry, i) => {
      const { projects } = await entry;
      const refs = projects
        .map(name => buildProjectRef(targets.pipelines[i], name))
        .filter(ref => {
          const id = projectId(ref);
          if (seen.has(id)) return false;
          seen.add(id);
          return true;
        });
      return Promise.all(
        refs.map(ref =>
          this.builds.section({ ...ref, roleArn }, 'pipeline', deadline),
        ),
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
    const now = this.p.now();
    const pipelineSections = pipelineEntries.map(e =>
      pipelineWithClock(e.section, now),
    );
    const groupsNow = groupSections.map(s => groupWithClock(s, now));
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
}
