import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { createMockDirectory } from '@backstage/backend-test-utils';

// Each case boots a backend in a child process and runs a template.
jest.setTimeout(60_000);

const BIN = resolve(__dirname, '../bin/liftoff');
const FIXTURE = resolve(__dirname, '__fixtures__/service-template');

/** The real bin, in its own process, as CI runs it. */
async function liftoff(args: string[]) {
  try {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      [BIN, ...args],
      {
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    return { code: 0, stdout, stderr };
  } catch (error: any) {
    return {
      code: error.code as number,
      stdout: error.stdout as string,
      stderr: error.stderr as string,
    };
  }
}

describe('liftoff scaffold (in-process, end to end)', () => {
  const mockDir = createMockDirectory();

  it('runs the template with the real engine and writes the files', async () => {
    const out = mockDir.resolve('out');
    const result = await liftoff([
      'scaffold',
      join(FIXTURE, 'template.yaml'),
      '--values',
      join(FIXTURE, 'values.yaml'),
      '--output',
      out,
    ]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(fs.readdirSync(out).sort()).toEqual([
      'README.md',
      'catalog-info.yaml',
    ]);
    expect(fs.readFileSync(join(out, 'README.md'), 'utf8')).toBe(
      '# payments-api\n\nDeployment configuration: `LambdaDeploymentConfig.LINEAR_10PERCENT_EVERY_1MINUTE` (10% now, then +10% every 1 min, 100% after 9 min).\n',
    );
    expect(fs.readFileSync(join(out, 'catalog-info.yaml'), 'utf8')).toContain(
      '  annotations:\n    aws.amazon.com/aws-codepipeline-arn: arn:aws:codepipeline:eu-west-1:123456789012:payments-api\n',
    );
    // Each step's log, in order; publishing only says what it would do.
    const lines = result.stdout.split('\n');
    const at = (s: string) => lines.findIndex(l => l.includes(s));
    const order = [
      'Running liftoff-cli-fixture in-process (dry run)',
      'Deployment strategy: CodeDeployDefault.LambdaLinear10PercentEvery1Minute',
      'Writing file README.md',
      'Adding aws.amazon.com/aws-codepipeline-arn',
      'Dry run: would commit',
      `Wrote 2 files to ${out}`,
      'Traffic shifting: 10% now, then +10% every 1 min, 100% after 9 min',
    ].map(at);
    expect(order.every(i => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(result.stdout).not.toContain('dry-run:extract');
  });

  it("exits 1 with the failing step's error, after the log up to it", async () => {
    const result = await liftoff([
      'scaffold',
      join(FIXTURE, 'template.yaml'),
      '--values',
      join(FIXTURE, 'values.yaml'),
      '--set',
      'strategy=canary-3-percent-forever',
    ]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('"strategy": "canary-3-percent-forever"');
    expect(result.stderr).toMatch(
      /^Failed: Unknown deployment strategy 'canary-3-percent-forever'\. Use one of all-at-once, /,
    );
  });
});
