import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { join } from 'node:path';
import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import {
  CatalogService,
  locationSpecToMetadataName,
} from '@backstage/plugin-catalog-node';
import { minimatch } from 'minimatch';
import yaml from 'yaml';
import { runAction } from '../__testUtils__';
import {
  createGitPublishLocalAction,
  resolveLocalGitDirectory,
} from './gitPublishLocal';

const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', args, { cwd, encoding: 'utf8' }).trim();

describe('liftoff:git:publish-local', () => {
  const mockDir = createMockDirectory();
  const workspacePath = mockDir.resolve('workspace');
  const reposDir = mockDir.resolve('data/git');
  const config = new ConfigReader({
    scaffolder: {
      defaultAuthor: { name: 'Liftoff', email: 'liftoff@example.com' },
      defaultCommitMessage: 'Initial commit from Liftoff',
    },
  });
  const action = createGitPublishLocalAction({ config, directory: reposDir });

  beforeEach(() => {
    mockDir.setContent({
      workspace: {
        'catalog-info.yaml':
          'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: payments-api\nspec:\n  type: service\n',
        'README.md': '# payments-api\n',
        'bin/run.sh': '#!/bin/sh\necho hi\n',
        '.gitignore': 'node_modules/\n',
        'node_modules/left-pad/index.js': 'module.exports = 1;\n',
      },
    });
    fs.chmodSync(join(workspacePath, 'bin/run.sh'), 0o755);
  });

  it('commits the workspace into a repository that git can clone and push to', async () => {
    const run = await runAction(
      action,
      { repoName: 'payments-api' },
      { workspacePath },
    );
    expect(run.error).toBeUndefined();
    const repo = join(reposDir, 'payments-api');
    expect(run.outputs).toEqual({
      remoteUrl: `file://${repo}`,
      repoContentsUrl: `file://${repo}`,
      repositoryPath: repo,
      catalogInfoPath: join(repo, 'catalog-info.yaml'),
      catalogInfoUrl: `file://${repo}/catalog-info.yaml`,
      entityRef: 'component:default/payments-api',
      commitHash: expect.stringMatching(/^[0-9a-f]{40}$/),
    });
    expect(git(repo, 'log', '--format=%H %an <%ae> %s')).toBe(
      `${run.outputs.commitHash} Liftoff <liftoff@example.com> Initial commit from Liftoff`,
    );
    expect(git(repo, 'branch', '--show-current')).toBe('main');
    // Clean working tree, ignored files not committed, the executable bit kept.
    expect(git(repo, 'status', '--porcelain')).toBe('');
    expect(git(repo, 'ls-files', '-s').split('\n')).toEqual([
      expect.stringMatching(/^100644 \w+ 0\t.gitignore$/),
      expect.stringMatching(/^100644 \w+ 0\tREADME.md$/),
      expect.stringMatching(/^100755 \w+ 0\tbin\/run.sh$/),
      expect.stringMatching(/^100644 \w+ 0\tcatalog-info.yaml$/),
    ]);

    // A clone, a change and a push update the files the catalog reads.
    const clone = mockDir.resolve('clone');
    git(mockDir.path, 'clone', '-q', run.outputs.remoteUrl, clone);
    fs.writeFileSync(join(clone, 'README.md'), '# payments-api v2\n');
    git(
      clone,
      '-c',
      'user.name=A',
      '-c',
      'user.email=a@b.c',
      'commit',
      '-qam',
      'v2',
    );
    git(clone, 'push', '-q', 'origin', 'main');
    expect(fs.readFileSync(join(repo, 'README.md'), 'utf8')).toBe(
      '# payments-api v2\n',
    );
  });

  it('publishes a subfolder on another branch with the given author', async () => {
    mockDir.addContent({
      'workspace/service/catalog-info.yaml':
        'kind: System\nmetadata:\n  name: s\n',
    });
    const run = await runAction(
      action,
      {
        repoName: 'orders',
        sourcePath: 'service',
        defaultBranch: 'trunk',
        gitAuthorName: 'Ada',
        gitAuthorEmail: 'ada@example.com',
        gitCommitMessage: 'Hello',
      },
      { workspacePath },
    );
    expect(run.error).toBeUndefined();
    const repo = join(reposDir, 'orders');
    expect(git(repo, 'ls-files')).toBe('catalog-info.yaml');
    expect(git(repo, 'log', '--format=%an <%ae> %s')).toBe(
      'Ada <ada@example.com> Hello',
    );
    expect(git(repo, 'branch', '--show-current')).toBe('trunk');
    expect(run.outputs.entityRef).toBe('system:default/s');
  });

  it('refuses to overwrite an existing repository, and leaves nothing half made', async () => {
    expect(
      (await runAction(action, { repoName: 'twice' }, { workspacePath })).error,
    ).toBeUndefined();
    const again = await runAction(
      action,
      { repoName: 'twice' },
      { workspacePath },
    );
    expect(again.error?.name).toBe('ConflictError');
    expect(again.error?.message).toMatch(
      /A repository named 'twice' already exists/,
    );
    expect(fs.readdirSync(reposDir).filter(f => f.startsWith('.'))).toEqual([]);
  });

  it('does not publish again when a retried task has its checkpoint', async () => {
    const first = await runAction(
      action,
      { repoName: 'retried' },
      { workspacePath },
    );
    const retry = await runAction(
      action,
      { repoName: 'retried' },
      {
        workspacePath,
        checkpoints: first.checkpoints,
      },
    );
    expect(retry.error).toBeUndefined();
    expect(retry.outputs.commitHash).toBe(first.outputs.commitHash);
  });

  it('refuses names that would leave the folder', async () => {
    for (const repoName of ['../escape', '.hidden', 'a/b']) {
      const run = await runAction(action, { repoName }, { workspacePath });
      expect(run.error?.message).toMatch(/repoName does not match pattern/);
    }
    const run = await runAction(
      action,
      { repoName: 'x', sourcePath: '../..' },
      { workspacePath },
    );
    expect(run.error?.message).toMatch(/outside/);
  });

  it('writes nothing in a dry run, and says where it would', async () => {
    const run = await runAction(
      action,
      { repoName: 'dry' },
      { workspacePath, isDryRun: true },
    );
    expect(run.error).toBeUndefined();
    expect(fs.existsSync(join(reposDir, 'dry'))).toBe(false);
    expect(run.outputs.commitHash).toBe('dry-run');
    expect(run.outputs.remoteUrl).toBe(`file://${join(reposDir, 'dry')}`);
  });

  it('finds its folder in config, else in the monorepo root', () => {
    mockDir.addContent({
      'mono/package.json': JSON.stringify({ workspaces: ['packages/*'] }),
      'mono/packages/backend/package.json': JSON.stringify({ name: 'backend' }),
    });
    const backendDir = mockDir.resolve('mono/packages/backend');
    expect(resolveLocalGitDirectory(new ConfigReader({}), backendDir)).toBe(
      mockDir.resolve('mono/data/git'),
    );
    expect(
      resolveLocalGitDirectory(
        new ConfigReader({
          awsCicd: { localGit: { directory: '../../repos' } },
        }),
        backendDir,
      ),
    ).toBe(mockDir.resolve('mono/repos'));
  });

  describe('with the catalog', () => {
    const withLocations = (...targets: string[]) =>
      new ConfigReader({
        catalog: {
          locations: [
            { type: 'url', target: 'https://example.com/catalog-info.yaml' },
            ...targets.map(target => ({ type: 'file', target })),
          ],
        },
      });
    const locationRef = (target: string) =>
      `location:default/${locationSpecToMetadataName({ type: 'file', target })}`;

    /**
     * A catalog that, like the real one, reads a file location's files only
     * when it processes the location: at its next round, or on refresh.
     */
    function fakeCatalog(catalogConfig: ConfigReader) {
      const targets = new Map(
        catalogConfig
          .getConfigArray('catalog.locations')
          .filter(l => l.getString('type') === 'file')
          .map(l => [
            locationRef(l.getString('target')),
            l.getString('target'),
          ]),
      );
      const entities = new Map<string, Entity>();
      const refreshed: string[] = [];
      const service = {
        async refreshEntity(ref: string) {
          refreshed.push(ref);
          const target = targets.get(ref);
          if (!target) throw new Error(`${ref} not found`);
          for (const name of fs.readdirSync(reposDir)) {
            const file = join(reposDir, name, 'catalog-info.yaml');
            if (fs.existsSync(file) && minimatch(file, target)) {
              const entity = yaml.parse(fs.readFileSync(file, 'utf8'));
              entities.set(stringifyEntityRef(entity), entity);
            }
          }
        },
        async getEntityByRef(ref: string) {
          return entities.get(ref);
        },
      } as unknown as CatalogService;
      return { service, refreshed, entities };
    }

    const publish = (catalogConfig: ConfigReader, service: CatalogService) =>
      runAction(
        createGitPublishLocalAction({
          config: catalogConfig,
          directory: reposDir,
          catalog: { service, auth: mockServices.auth(), waitMs: 1000 },
        }),
        { repoName: 'payments-api' },
        { workspacePath },
      );

    it('has the catalog read the new catalog-info.yaml through the file location that covers it', async () => {
      const covering = join(reposDir, '*/catalog-info.yaml');
      const catalogConfig = withLocations(
        covering,
        mockDir.resolve('other/*.yaml'),
      );
      const catalog = fakeCatalog(catalogConfig);
      const run = await publish(catalogConfig, catalog.service);
      expect(run.error).toBeUndefined();
      expect(catalog.refreshed).toEqual([locationRef(covering)]);
      expect(catalog.entities.has('component:default/payments-api')).toBe(true);
      expect(run.logger.messages('info')).toContain(
        'component:default/payments-api is in the catalog',
      );
      expect(run.logger.messages('warn')).toEqual([]);
    });

    it('publishes anyway when no location covers the repository, and says what to add', async () => {
      const catalogConfig = withLocations(mockDir.resolve('other/*.yaml'));
      const catalog = fakeCatalog(catalogConfig);
      const run = await publish(catalogConfig, catalog.service);
      expect(run.error).toBeUndefined();
      expect(run.outputs.commitHash).toMatch(/^[0-9a-f]{40}$/);
      expect(catalog.refreshed).toEqual([]);
      expect(run.logger.messages('warn')).toEqual([
        expect.stringMatching(
          /^No catalog file location in catalog.locations covers .*payments-api\/catalog-info.yaml: add one/,
        ),
      ]);
    });

    it('publishes anyway when the catalog does not answer', async () => {
      const catalogConfig = withLocations(
        join(reposDir, '*/catalog-info.yaml'),
      );
      const service = {
        refreshEntity: async () => {
          throw new Error('connect ECONNREFUSED 127.0.0.1:7007');
        },
      } as unknown as CatalogService;
      const run = await publish(catalogConfig, service);
      expect(run.error).toBeUndefined();
      expect(fs.existsSync(join(reposDir, 'payments-api/.git'))).toBe(true);
      expect(run.logger.messages('warn')).toEqual([
        expect.stringMatching(/ECONNREFUSED/),
      ]);
    });
  });
});
