import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  AuthService,
  LoggerService,
  resolveSafeChildPath,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  CatalogService,
  locationSpecToMetadataName,
} from '@backstage/plugin-catalog-node';
import { minimatch } from 'minimatch';
import { Config } from '@backstage/config';
import { ConflictError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import git from 'isomorphic-git';
import yaml from 'yaml';
import { examples } from './gitPublishLocal.examples';

/** @public */
export const GIT_PUBLISH_LOCAL_ACTION_ID = 'liftoff:git:publish-local';

/** The config key of the folder that holds the repositories. */
export const LOCAL_GIT_DIRECTORY_KEY = 'awsCicd.localGit.directory';

/**
 * The folder for local repositories: `awsCicd.localGit.directory` (relative to
 * the backend's working directory, like the SQLite directory), else
 * `data/git` in the root of the monorepo the backend runs in (the folder
 * whose package.json has workspaces), else `data/git` under the working
 * directory.
 * @public
 */
export function resolveLocalGitDirectory(
  config: Config,
  cwd: string = process.cwd(),
): string {
  const configured = config.getOptionalString(LOCAL_GIT_DIRECTORY_KEY);
  if (configured) return resolve(cwd, configured);
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    try {
      const pkg = JSON.parse(
        fs.readFileSync(join(dir, 'package.json'), 'utf8'),
      );
      if (pkg.workspaces) return join(dir, 'data', 'git');
    } catch {
      // no package.json here, or not JSON: keep looking
    }
    if (dirname(dir) === dir) return resolve(cwd, 'data', 'git');
  }
}

function entityRefOf(text: string): string | undefined {
  for (const doc of yaml.parseAllDocuments(text)) {
    const entity = doc.toJS?.() as
      | { kind?: string; metadata?: { name?: string; namespace?: string } }
      | undefined;
    if (entity?.kind && entity.metadata?.name) {
      return `${entity.kind.toLocaleLowerCase('en-US')}:${
        entity.metadata.namespace ?? 'default'
      }/${entity.metadata.name}`;
    }
  }
  return undefined;
}

/**
 * The catalog's `file` locations from config (`catalog.locations`) whose
 * target covers `path`, as the refs of the Location entities the catalog makes
 * of them (relative targets resolve against the working directory, as the
 * catalog resolves them).
 */
function configLocationsCovering(config: Config, path: string): string[] {
  return (config.getOptionalConfigArray('catalog.locations') ?? [])
    .filter(l => l.getString('type') === 'file')
    .map(l => resolve(l.getString('target')))
    .filter(target => minimatch(path, target))
    .map(target =>
      stringifyEntityRef({
        kind: 'Location',
        namespace: 'default',
        name: locationSpecToMetadataName({ type: 'file', target }),
      }),
    );
}

/**
 * Has the catalog read the new catalog-info.yaml now rather than at its next
 * processing round: refreshes the `file` locations whose target (a path or a
 * glob, such as data/git/*\/catalog-info.yaml) covers it, then waits until
 * the entity is there, so the task's "Open in the catalog" link works when
 * the task ends. Best effort: the entity arrives on the next round anyway, so
 * a failure or a timeout is a warning.
 */
async function bringIntoCatalog(
  catalog: CatalogAccess,
  config: Config,
  path: string,
  entityRef: string | undefined,
  logger: LoggerService,
) {
  // A glob that matched no file yet failed its first processing, so its
  // Location entity is not listed by the catalog's API: find it in config.
  const covering = configLocationsCovering(config, path);
  if (covering.length === 0) {
    logger.warn(
      `No catalog file location in catalog.locations covers ${path}: add one (e.g. data/git/*/catalog-info.yaml), or the entity will not appear in the catalog`,
    );
    return;
  }
  try {
    const credentials = await catalog.auth.getOwnServiceCredentials();
    for (const location of covering) {
      await catalog.service.refreshEntity(location, { credentials });
    }
    if (!entityRef) return;
    const deadline = Date.now() + (catalog.waitMs ?? 30_000);
    for (;;) {
      if (await catalog.service.getEntityByRef(entityRef, { credentials })) {
        logger.info(`${entityRef} is in the catalog`);
        return;
      }
      if (Date.now() >= deadline) break;
      await new Promise(r => setTimeout(r, 500));
    }
    logger.warn(
      `${entityRef} is not in the catalog yet; it arrives at the catalog's next processing round`,
    );
  } catch (e) {
    logger.warn(
      `Could not have the catalog read ${path} now; it arrives at the catalog's next processing round: ${e}`,
    );
  }
}

/**
 * What liftoff:git:publish-local needs of the catalog.
 * @public
 */
export interface CatalogAccess {
  service: CatalogService;
  auth: AuthService;
  /** How long to wait for the entity to appear. Default 30 s. */
  waitMs?: number;
}

/**
 * Publishes the workspace as a git repository on the backend's disk, for the
 * demo and for offline use: no GitHub or GitLab needed.
 *
 * The repository has a working tree (the catalog reads its catalog-info.yaml
 * through a `file` location) and accepts pushes to its checked-out branch
 * (`receive.denyCurrentBranch=updateInstead`), so `git clone` / `git push`
 * against its file:// URL work as with any remote.
 * @public
 */
export function createGitPublishLocalAction(options: {
  config: Config;
  /** Overrides the folder from config, e.g. in tests. */
  directory?: string;
  /**
   * The catalog, to have it read the new catalog-info.yaml at once through
   * the `file` location that covers it. Without it the entity arrives at the
   * catalog's next processing round.
   */
  catalog?: CatalogAccess;
}) {
  const { config } = options;
  const directory = () => options.directory ?? resolveLocalGitDirectory(config);
  return createTemplateAction({
    id: GIT_PUBLISH_LOCAL_ACTION_ID,
    description:
      'Commits the workspace into a new git repository under the local data folder (awsCicd.localGit.directory) and outputs its file:// URLs and the path of its catalog-info.yaml.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        repoName: z =>
          z
            .string()
            .regex(
              /^[A-Za-z0-9_][A-Za-z0-9._-]{0,99}$/,
              'Use 1-100 of A-Z a-z 0-9 . _ -, not starting with a dot or dash',
            )
            .describe(
              'Name of the repository, the folder under the local git directory (1-100 of A-Z a-z 0-9 . _ -)',
            ),
        sourcePath: z =>
          z
            .string()
            .optional()
            .describe(
              'Folder of the workspace to publish, relative to the workspace. Default: the whole workspace',
            ),
        defaultBranch: z =>
          z
            .string()
            .regex(/^[A-Za-z0-9._/-]+$/)
            .optional()
            .describe('Branch to commit to. Default main'),
        gitCommitMessage: z =>
          z
            .string()
            .optional()
            .describe(
              'Commit message. Default: scaffolder.defaultCommitMessage, else "Initial commit"',
            ),
        gitAuthorName: z =>
          z
            .string()
            .optional()
            .describe(
              'Author name. Default: scaffolder.defaultAuthor.name, else "Scaffolder"',
            ),
        gitAuthorEmail: z =>
          z
            .string()
            .optional()
            .describe(
              'Author email. Default: scaffolder.defaultAuthor.email, else "scaffolder@backstage.io"',
            ),
        catalogInfoPath: z =>
          z
            .string()
            .optional()
            .describe(
              'Path of the catalog descriptor inside the repository. Default catalog-info.yaml',
            ),
      },
      output: {
        remoteUrl: z =>
          z.string().describe('file:// URL to clone from and push to'),
        repoContentsUrl: z =>
          z
            .string()
            .describe('file:// URL of the root of the checked-out files'),
        repositoryPath: z =>
          z
            .string()
            .describe('Absolute path of the repository on the backend host'),
        catalogInfoPath: z =>
          z
            .string()
            .describe(
              'Absolute path of catalog-info.yaml in the working tree, for a catalog `file` location',
            ),
        catalogInfoUrl: z =>
          z.string().describe('file:// URL of catalog-info.yaml'),
        commitHash: z =>
          z.string().describe('The commit ("dry-run" in a dry run)'),
        entityRef: z =>
          z
            .string()
            .optional()
            .describe(
              'Ref of the first entity in catalog-info.yaml (e.g. component:default/payments-api), when there is one',
            ),
      },
    },
    async handler(ctx) {
      // The engine validates input against the JSON schema but applies no defaults.
      const input = {
        ...ctx.input,
        defaultBranch: ctx.input.defaultBranch ?? 'main',
        catalogInfoPath: ctx.input.catalogInfoPath ?? 'catalog-info.yaml',
      };
      const root = directory();
      const repositoryPath = resolveSafeChildPath(root, input.repoName);
      const catalogRel = input.catalogInfoPath.replace(/^\/+/, '');
      const catalogInfoPath = resolveSafeChildPath(repositoryPath, catalogRel);
      const sourcePath = resolveSafeChildPath(
        ctx.workspacePath,
        input.sourcePath ?? '.',
      );
      const sourceCatalogInfo = resolveSafeChildPath(sourcePath, catalogRel);
      const entityRef = fs.existsSync(sourceCatalogInfo)
        ? entityRefOf(await fs.promises.readFile(sourceCatalogInfo, 'utf8'))
        : undefined;

      const outputs = () => {
        ctx.output('remoteUrl', pathToFileURL(repositoryPath).toString());
        ctx.output('repoContentsUrl', pathToFileURL(repositoryPath).toString());
        ctx.output('repositoryPath', repositoryPath);
        ctx.output('catalogInfoPath', catalogInfoPath);
        ctx.output('catalogInfoUrl', pathToFileURL(catalogInfoPath).toString());
        if (entityRef) ctx.output('entityRef', entityRef);
      };

      if (ctx.isDryRun) {
        ctx.logger.info(
          `Dry run: would commit ${sourcePath} to a new repository at ${repositoryPath} (branch ${input.defaultBranch})`,
        );
        outputs();
        ctx.output('commitHash', 'dry-run');
        return;
      }

      const commitHash = await ctx.checkpoint({
        key: `liftoff.git.publish-local.${repositoryPath}`,
        fn: async () => {
          if (fs.existsSync(repositoryPath)) {
            throw new ConflictError(
              `A repository named '${input.repoName}' already exists at ${repositoryPath}; choose another name or remove it`,
            );
          }
          await fs.promises.mkdir(root, { recursive: true });
          // Built beside its final place and renamed into it, so a failure
          // half way leaves no half-made repository behind.
          const staging = join(root, `.${input.repoName}.${randomUUID()}.tmp`);
          try {
            await fs.promises.cp(sourcePath, staging, {
              recursive: true,
              verbatimSymlinks: true,
              filter: src =>
                !src.split(/[\\/]/).includes('.git') || src === sourcePath,
            });
            await git.init({
              fs,
              dir: staging,
              defaultBranch: input.defaultBranch,
            });
            await git.setConfig({
              fs,
              dir: staging,
              path: 'receive.denyCurrentBranch',
              value: 'updateInstead',
            });
            await git.add({ fs, dir: staging, filepath: '.' });
            const sha = await git.commit({
              fs,
              dir: staging,
              message:
                input.gitCommitMessage ??
                config.getOptionalString('scaffolder.defaultCommitMessage') ??
                'Initial commit',
              author: {
                name:
                  input.gitAuthorName ??
                  config.getOptionalString('scaffolder.defaultAuthor.name') ??
                  'Scaffolder',
                email:
                  input.gitAuthorEmail ??
                  config.getOptionalString('scaffolder.defaultAuthor.email') ??
                  'scaffolder@backstage.io',
              },
            });
            await fs.promises.rename(staging, repositoryPath);
            return sha;
          } finally {
            await fs.promises.rm(staging, { recursive: true, force: true });
          }
        },
      });
      ctx.logger.info(
        `Committed ${commitHash.slice(0, 7)} to ${repositoryPath} (branch ${input.defaultBranch}); clone it with: git clone ${pathToFileURL(
          repositoryPath,
        )}`,
      );
      if (options.catalog && fs.existsSync(catalogInfoPath)) {
        await bringIntoCatalog(
          options.catalog,
          config,
          catalogInfoPath,
          entityRef,
          ctx.logger,
        );
      }
      outputs();
      ctx.output('commitHash', commitHash);
    },
  });
}
