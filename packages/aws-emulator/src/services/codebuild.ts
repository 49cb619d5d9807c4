import type {
  BatchGetBuildsOutput,
  BatchGetProjectsOutput,
  ListBuildsForProjectOutput,
} from '@aws-sdk/client-codebuild';
import { AwsError } from '../errors';
import { coralDialect } from '../protocol/input';
import { paginate } from '../protocol/pagination';
import { ServiceDefinition } from '../protocol/service';
import { Simulation } from '../sim/simulation';

type Output<T> = Omit<T, '$metadata'>;

/** CodeBuild (AWS JSON 1.1, `CodeBuild_20161006`): the read side a delivery dashboard needs. */
export function codeBuildService(
  sim: Simulation,
  options: { pageSize: number },
): ServiceDefinition {
  return {
    name: 'CodeBuild',
    protocol: 'json',
    targetPrefix: 'CodeBuild_20161006',
    jsonVersion: '1.1',
    signingName: 'codebuild',
    queryCompatible: false,
    dialect: coralDialect('InvalidInputException'),
    errors: {
      accessDenied: { code: 'AccessDeniedException' },
      throttling: { code: 'ThrottlingException' },
    },
    operations: {
      BatchGetBuilds(input, ctx): Output<BatchGetBuildsOutput> {
        const ids = input.stringList('ids', {
          required: true,
          min: 1,
          max: 100,
          item: { min: 1 },
        })!;
        const partition = sim.partition(ctx);
        const builds = [];
        const buildsNotFound: string[] = [];
        for (const id of ids) {
          const record = partition.builds.get(id);
          if (!record) {
            buildsNotFound.push(id);
            continue;
          }
          ctx.authorize(
            'codebuild:BatchGetBuilds',
            partition.projects.get(record.build.projectName)!.project.arn!,
          );
          builds.push(record.build);
        }
        return { builds, buildsNotFound };
      },

      ListBuildsForProject(input, ctx): Output<ListBuildsForProjectOutput> {
        const name = input.string('projectName', { required: true, min: 1 });
        const sortOrder =
          input.string('sortOrder', { oneOf: ['ASCENDING', 'DESCENDING'] }) ??
          'DESCENDING';
        const project = sim.partition(ctx).projects.get(name);
        if (!project)
          throw new AwsError(
            'ResourceNotFoundException',
            `The provided project name ${name} does not exist`,
          );
        ctx.authorize('codebuild:ListBuildsForProject', project.project.arn!);
        const ids =
          sortOrder === 'ASCENDING'
            ? [...project.builds]
            : [...project.builds].reverse();
        const { page, nextToken } = paginate(ids, {
          nextToken: input.string('nextToken'),
          pageSize: options.pageSize,
          scope: `ListBuildsForProject/${project.project.arn}/${sortOrder}`,
          invalid: () =>
            new AwsError('InvalidInputException', 'Invalid next token'),
        });
        return { ids: page, nextToken };
      },

      BatchGetProjects(input, ctx): Output<BatchGetProjectsOutput> {
        const names = input.stringList('names', {
          required: true,
          min: 1,
          max: 100,
          item: { min: 1 },
        })!;
        const partition = sim.partition(ctx);
        const projects = [];
        const projectsNotFound: string[] = [];
        for (const n of names) {
          // Names or ARNs are accepted.
          const name = n.startsWith('arn:')
            ? (n.split(':project/')[1] ?? n)
            : n;
          const record = partition.projects.get(name);
          if (!record) {
            projectsNotFound.push(n);
            continue;
          }
          ctx.authorize('codebuild:BatchGetProjects', record.project.arn!);
          projects.push(record.project);
        }
        return { projects, projectsNotFound };
      },
    },
  };
}
