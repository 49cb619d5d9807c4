import {
  BatchGetBuildsCommand,
  Build,
  ListBuildsForProjectCommand,
} from '@aws-sdk/client-codebuild';
import {
  BuildProjectRef,
  BuildProjectSection,
  BuildsPage,
} from '@liftoff/plugin-aws-cicd-common';
import { sectionToHttpError } from '@liftoff/plugin-aws-cicd-node';
import { contextOf } from '../core/context';
import { decodeCursor, encodeCursor } from '../core/cursor';
import { Scoped, cacheKeys } from '../core/keys';
import { Outcome, Plumbing } from '../core/Plumbing';
import { ReadOptions } from '../types';
import { buildWithClock, toBuildView } from '../views/builds';

/** Reads CodeBuild: pages of a project's builds, newest first. */
export class BuildProjectReader {
  constructor(private readonly p: Plumbing) {}

  /** The project's first page as the delivery shows it, by the deadline. */
  async section(
    ref: Scoped<BuildProjectRef>,
    source: BuildProjectSection['source'],
    deadline: number,
  ): Promise<BuildProjectSection> {
    const base = {
      projectName: ref.projectName,
      region: ref.region,
      accountId: ref.accountId,
      source,
    };
    const outcome = await this.p.withDeadline<Outcome<BuildsPage>>(
      this.page(ref, undefined),
      deadline,
      contextOf.buildProject(ref),
      error => ({ error }),
    );
    if (outcome.error) {
      return { ...base, error: outcome.error };
    }
    return { ...base, ...outcome.value };
  }

  async listBuilds(
    ref: Scoped<BuildProjectRef>,
    page: { pageToken?: string },
    options?: ReadOptions,
  ): Promise<BuildsPage> {
    const outcome = await this.p.withDeadline<Outcome<BuildsPage>>(
      this.page(ref, page.pageToken),
      this.p.deadlineOf(options),
      contextOf.buildProject(ref),
      error => ({ error }),
    );
    if (outcome.error) throw sectionToHttpError(outcome.error);
    const now = this.p.now();
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
  private page(
    ref: Scoped<BuildProjectRef>,
    pageToken: string | undefined,
  ): Promise<Outcome<BuildsPage>> {
    const cursor = decodeCursor(pageToken);
    const size = this.p.config.recentBuilds;
    return this.p.cache.get(cacheKeys.builds(ref, pageToken), () =>
      this.p.outcomeOf<BuildsPage>(
        contextOf.buildProject(ref),
        async signal => {
          const client = await this.p.clients.codeBuild(ref);
          const list = await this.p.call(
            'CodeBuild.ListBuildsForProject',
            signal,
            o =>
              client.send(
                new ListBuildsForProjectCommand({
                  projectName: ref.projectName,
                  sortOrder: 'DESCENDING',
                  nextToken: cursor.t,
                }),
                o,
              ),
          );
          const all = list.ids ?? [];
          const ids = all.slice(cursor.o, cursor.o + size);
          let next: string | undefined;
          if (cursor.o + size < all.length) {
            next = encodeCursor({ t: cursor.t, o: cursor.o + size });
          } else if (list.nextToken) {
            next = encodeCursor({ t: list.nextToken, o: 0 });
          }
          const got =
            ids.length > 0
              ? await this.p.call('CodeBuild.BatchGetBuilds', signal, o =>
                  client.send(new BatchGetBuildsCommand({ ids }), o),
                )
              : { builds: [] };
          const byId = new Map<string, Build>(
            (got.builds ?? []).map(b => [b.id ?? '', b]),
          );
          const builds = ids
            .map(id => byId.get(id))
            .filter((b): b is Build => Boolean(b))
            .map(b => toBuildView(ref, b));
          const running = builds.some(b => b.status === 'IN_PROGRESS');
          return {
            value: { builds, ...(next ? { nextPageToken: next } : {}) },
            ttlMs: this.p.liveTtl(
              running,
              pageToken ? this.p.config.cache.finishedTtlMs : undefined,
            ),
          };
        },
      ),
    );
  }
}
