import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { join, resolve } from 'node:path';
import {
  createMockDirectory,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import scaffolderModuleAwsCicd from '@liftoff/plugin-scaffolder-backend-module-aws-cicd';
import yaml from 'yaml';
import { main } from './cli';
import { runRemoteTask } from './remote';
import { InvalidValuesError } from './values';
import { Printer } from './output';

// Boots a scaffolder backend; each case runs real tasks on it.
jest.setTimeout(60_000);

const FIXTURE = resolve(__dirname, '__fixtures__/service-template');
const CHOICES = resolve(__dirname, '__fixtures__/choices-template');

describe('liftoff scaffold --backstage-url (task mode)', () => {
  const mockDir = createMockDirectory();
  let baseUrl: string;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    // The template as the catalog holds it when registered from a file location.
    const [template, choices] = [FIXTURE, CHOICES].map(dir => {
      const entity = yaml.parse(
        fs.readFileSync(join(dir, 'template.yaml'), 'utf8'),
      );
      entity.metadata.namespace = 'default';
      entity.metadata.annotations = {
        'backstage.io/managed-by-location': `file:${join(dir, 'template.yaml')}`,
      };
      return entity;
    });
    const backend = await startTestBackend({
      features: [
        scaffolderPlugin,
        scaffolderModuleAwsCicd,
        catalogServiceMock.factory({ entities: [template, choices] }),
        mockServices.rootConfig.factory({
          data: {
            awsCicd: { localGit: { directory: mockDir.resolve('git') } },
          },
        }),
      ],
    });
    const address = backend.server.address();
    if (!address || typeof address === 'string') throw new Error('no port');
    baseUrl = `http://127.0.0.1:${address.port}`;
    stop = () => backend.stop();
  });
  afterAll(() => stop?.());

  const capture = (): Printer & { stdout: string[]; stderr: string[] } => {
    const stdout: string[] = [];
    const stderr: string[] = [];
    return {
      stdout,
      stderr,
      out: l => stdout.push(l),
      err: l => stderr.push(l),
    };
  };
  const token = mockCredentials.user.token();

  it('runs a registered template as a real task and streams its log', async () => {
    const printer = capture();
    const code = await main(
      [
        'scaffold',
        join(FIXTURE, 'template.yaml'),
        '--values',
        join(FIXTURE, 'values.yaml'),
        '--backstage-url',
        baseUrl,
        '--token',
        token,
      ],
      printer,
    );
    expect(printer.stderr).toEqual([]);
    expect(code).toBe(0);
    const log = printer.stdout.join('\n');
    expect(log).toContain(
      `Running template:default/liftoff-cli-fixture on ${baseUrl}`,
    );
    expect(log).toMatch(
      /\[strategy\] .*Deployment strategy: CodeDeployDefault.LambdaLinear10PercentEvery1Minute/,
    );
    expect(log).toMatch(/\[publish\] .*Committed [0-9a-f]{7} to /);
    expect(log).toMatch(/Task [\w-]+ completed/);
    // Not a dry run: the repository exists, with the rendered, annotated files.
    const repo = mockDir.resolve('git/payments-api');
    expect(log).toContain(`Repository: file://${repo}`);
    expect(
      execFileSync('git', ['ls-files'], { cwd: repo, encoding: 'utf8' }),
    ).toBe('README.md\ncatalog-info.yaml\n');
    expect(fs.readFileSync(join(repo, 'catalog-info.yaml'), 'utf8')).toContain(
      'aws.amazon.com/aws-codepipeline-arn: arn:aws:codepipeline:eu-west-1:123456789012:payments-api',
    );
  });

  it("takes a template ref, validates with the server's schema and exits 1 with a failed step's error", async () => {
    const invalid = capture();
    expect(
      await main(
        [
          'scaffold',
          'template:default/liftoff-cli-fixture',
          '--set',
          'name=x',
          '--backstage-url',
          baseUrl,
          '--token',
          token,
        ],
        invalid,
      ),
    ).toBe(2);
    expect(invalid.stderr).toEqual([
      'Invalid values:',
      '  owner: is required',
      `  name: "x" is not of the form: a lowercase letter, then 1 to 40 lowercase letters, digits or '-'`,
    ]);

    // payments-api exists now: the publish step fails.
    const printer = capture();
    const code = await main(
      [
        'scaffold',
        'liftoff-cli-fixture',
        '--values',
        join(FIXTURE, 'values.yaml'),
        '--backstage-url',
        baseUrl,
        '--token',
        token,
      ],
      printer,
    );
    expect(code).toBe(1);
    expect(printer.stderr).toEqual([
      expect.stringMatching(
        /^Task [\w-]+ failed: A repository named 'payments-api' already exists at .*payments-api; choose another name or remove it$/,
      ),
    ]);
  });

  it("keeps an account id text, and says what the server's schema refuses in a person's words", async () => {
    const refused = capture();
    const args = [
      'scaffold',
      'template:default/liftoff-cli-choices',
      '--set',
      'stagingAccount=555555555555',
      '--backstage-url',
      baseUrl,
      '--token',
      token,
    ];
    expect(
      await main(
        [...args, '--set', 'strategy=canary', '--set', 'percentage=150'],
        refused,
      ),
    ).toBe(2);
    expect(refused.stderr).toEqual([
      'Invalid values:',
      '  intervalMinutes: is required',
      '  percentage: 150 is not between 1 and 99',
    ]);

    const printer = capture();
    expect(
      await main([...args, '--set', 'strategy=all-at-once'], printer),
    ).toBe(0);
    // The step saw text, not the number 555555555555.
    expect(printer.stdout.join('\n')).toMatch(
      /\[log\] .*account 555555555555 \("555555555555"\), all-at-once/,
    );
  });

  it("translates the scaffolder's own refusal (values that skipped the CLI's check)", async () => {
    const run = runRemoteTask({
      baseUrl,
      token,
      templateRef: 'template:default/liftoff-cli-choices',
      values: {
        stagingAccount: 555555555555,
        strategy: 'canary',
        percentage: 150,
        intervalMinutes: 5,
      },
      onLog: () => {},
    });
    await expect(run).rejects.toThrow(InvalidValuesError);
    await expect(run).rejects.toMatchObject({
      problems: ['stagingAccount: 555555555555 is not text'],
    });
  });

  it('reports a refused token', async () => {
    const printer = capture();
    const code = await main(
      [
        'scaffold',
        'template:default/liftoff-cli-fixture',
        '--backstage-url',
        baseUrl,
        '--token',
        'wrong',
      ],
      printer,
    );
    expect(code).toBe(1);
    expect(printer.stderr[0]).toMatch(/HTTP 401/);
  });
});
