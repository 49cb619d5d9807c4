import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { join } from 'node:path';
import { createMockDirectory } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
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
});
