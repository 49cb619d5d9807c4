import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
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
      outputs();
      ctx.output('commitHash', commitHash);
    },
  });
}
