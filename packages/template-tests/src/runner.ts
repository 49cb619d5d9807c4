/*
 * Runs one matrix case the way a team's CI would: the template through the
 * `liftoff` runner (the real scaffolder engine, dry-run publishing), then the
 * generated repository's own lint, tests and `cdk synth`, offline, with the
 * workspace's node_modules instead of a per-case install.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import yaml from 'yaml';
import { MatrixCase } from './cases';

/** The monorepo root: the nearest folder up from the working directory whose package.json has workspaces. */
function findRepoRoot(): string {
  for (let dir = process.cwd(); ; dir = path.dirname(dir)) {
    try {
      if (
        JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'))
          .workspaces
      )
        return dir;
    } catch {
      // no package.json here: keep looking
    }
    if (path.dirname(dir) === dir)
      throw new Error(`No npm workspace root above ${process.cwd()}`);
  }
}

export const REPO_ROOT = findRepoRoot();
const LIFTOFF_BIN = path.join(REPO_ROOT, 'packages', 'cli', 'bin', 'liftoff');

export interface StepTiming {
  step: 'render' | 'lint' | 'test' | 'synth';
  /** Wall time: grows with the machine's load. */
  seconds: number;
  /** CPU time (user + system) of the command and its children: what the step costs, under any load. */
  cpuSeconds?: number;
}

export interface CaseResult {
  case: MatrixCase;
  dir: string;
  timings: StepTiming[];
  totalSeconds: number;
  /** Synthesized templates by stack name. */
  templates: Record<string, CfnTemplate>;
  /** Account and region of each synthesized stack, from cdk.out/manifest.json. */
  environments: Record<string, { account: string; region: string }>;
  /** cdk.out/validation-report.json, when synth wrote one. */
  validationReport?: ValidationReport;
  catalogInfo: Record<string, any>;
  /** The generated repository's own test summary line ("Tests: 17 passed, 17 total"). */
  testSummary: string;
}

export interface CfnTemplate {
  Resources: Record<
    string,
    { Type: string; Properties?: any; UpdatePolicy?: any; DependsOn?: any }
  >;
  Outputs?: Record<string, { Value: unknown }>;
}

export interface ValidationReport {
  pluginReports?: Array<{
    summary?: { pluginName?: string; status?: string };
    violations?: Array<{
      ruleName: string;
      severity?: string;
      violatingResources?: unknown[];
    }>;
    suppressedViolations?: unknown[];
  }>;
}

/** Environment of every command: no AWS credentials, no network lookups, no update checks. */
function offlineEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (
      !key.startsWith('AWS_') &&
      !key.startsWith('CDK_') &&
      key !== 'NODE_OPTIONS' &&
      !key.startsWith('JEST_')
    ) {
      env[key] = value;
    }
  }
  return {
    ...env,
    CI: 'true',
    NODE_ENV: 'test',
    AWS_EC2_METADATA_DISABLED: 'true',
    CDK_DISABLE_VERSION_CHECK: 'true',
    CDK_DISABLE_CLI_TELEMETRY: 'true',
    // No credentials anywhere: a lookup would fail instead of reaching AWS.
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
  };
}

/**
 * bash's `times` after the command: the CPU time of everything it waited for,
 * which the command's own children add to theirs. A line on stderr.
 */
const WITH_CPU_TIME = 'command "$@"; status=$?; times >&2; exit $status';

/** CPU seconds from `times`' last line ("0m12.345s 0m1.234s": children's user and system). */
function cpuSecondsOf(output: string): number | undefined {
  const lines = output.trimEnd().split('\n');
  const match = /^(\d+)m([\d.]+)s (\d+)m([\d.]+)s$/.exec(
    lines[lines.length - 1],
  );
  if (!match) return undefined;
  const [, um, us, sm, ss] = match.map(Number);
  return um * 60 + us + sm * 60 + ss;
}

interface RunOutput {
  output: string;
  cpuSeconds?: number;
}

function run(command: string, args: string[], cwd: string): Promise<RunOutput> {
  return new Promise((resolve, reject) => {
    execFile(
      'bash',
      ['-c', WITH_CPU_TIME, 'bash', command, ...args],
      {
        cwd,
        env: offlineEnv(),
        maxBuffer: 64 * 1024 * 1024,
        timeout: 10 * 60_000,
      },
      (error, stdout, stderr) => {
        if (error) {
          reject(
            new Error(
              `${command} ${args.join(' ')} failed in ${cwd} (${error.message.split('\n')[0]}):\n${stdout}\n${stderr}`.slice(
                0,
                20_000,
              ),
            ),
          );
        } else {
          resolve({
            output: `${stdout}\n${stderr}`,
            cpuSeconds: cpuSecondsOf(stderr),
          });
        }
      },
    );
  });
}

async function timed(
  timings: StepTiming[],
  step: StepTiming['step'],
  fn: () => Promise<RunOutput>,
): Promise<string> {
  const start = process.hrtime.bigint();
  const { output, cpuSeconds } = await fn();
  timings.push({
    step,
    seconds: Number(process.hrtime.bigint() - start) / 1e9,
    cpuSeconds,
  });
  return output;
}

const bin = (name: string) =>
  path.join(REPO_ROOT, 'node_modules', '.bin', name);

export async function runCase(
  matrixCase: MatrixCase,
  workDir: string,
): Promise<CaseResult> {
  const caseDir = path.join(workDir, matrixCase.id);
  const repo = path.join(caseDir, 'repo');
  await fs.promises.rm(caseDir, { recursive: true, force: true });
  await fs.promises.mkdir(caseDir, { recursive: true });
  const valuesFile = path.join(caseDir, 'values.yaml');
  await fs.promises.writeFile(valuesFile, yaml.stringify(matrixCase.values));
  const templateFile = path.join(
    REPO_ROOT,
    'templates',
    matrixCase.template,
    'template.yaml',
  );

  const timings: StepTiming[] = [];
  const start = process.hrtime.bigint();
  await timed(timings, 'render', () =>
    run(
      process.execPath,
      [
        LIFTOFF_BIN,
        'scaffold',
        templateFile,
        '--values',
        valuesFile,
        '--output',
        repo,
      ],
      caseDir,
    ),
  );
  // The workspace's aws-cdk-lib, constructs, cdk-nag, aws-cdk, esbuild, jest, ...: no per-case download.
  await fs.promises.symlink(
    path.join(REPO_ROOT, 'node_modules'),
    path.join(repo, 'node_modules'),
    'dir',
  );
  if (matrixCase.typeCheck) {
    await timed(timings, 'lint', () =>
      run(bin('tsc'), ['--noEmit', '-p', 'tsconfig.json'], repo),
    );
  }
  const testOutput = matrixCase.ownTests
    ? await timed(timings, 'test', () =>
        run(bin('jest'), ['--ci', '--colors=false'], repo),
      )
    : '';
  await timed(timings, 'synth', () =>
    run(bin('cdk'), ['synth', '--quiet', '--no-notices'], repo),
  );
  const totalSeconds = Number(process.hrtime.bigint() - start) / 1e9;

  const out = path.join(repo, 'cdk.out');
  const templates: Record<string, CfnTemplate> = {};
  for (const file of await fs.promises.readdir(out)) {
    if (file.endsWith('.template.json')) {
      templates[file.replace(/\.template\.json$/, '')] = JSON.parse(
        await fs.promises.readFile(path.join(out, file), 'utf8'),
      );
    }
  }
  const manifest: {
    artifacts: Record<string, { type: string; environment?: string }>;
  } = JSON.parse(
    await fs.promises.readFile(path.join(out, 'manifest.json'), 'utf8'),
  );
  const environments: CaseResult['environments'] = {};
  for (const [id, artifact] of Object.entries(manifest.artifacts)) {
    const env = /^aws:\/\/(\w+)\/([\w-]+)$/.exec(artifact.environment ?? '');
    if (artifact.type === 'aws:cloudformation:stack' && env)
      environments[id] = { account: env[1], region: env[2] };
  }
  const reportFile = path.join(out, 'validation-report.json');
  const validationReport = fs.existsSync(reportFile)
    ? JSON.parse(await fs.promises.readFile(reportFile, 'utf8'))
    : undefined;
  const catalogInfo = yaml.parse(
    await fs.promises.readFile(path.join(repo, 'catalog-info.yaml'), 'utf8'),
  );
  return {
    case: matrixCase,
    dir: repo,
    timings,
    totalSeconds,
    templates,
    environments,
    validationReport,
    catalogInfo,
    testSummary: /Tests:\s+[^\n]*/.exec(testOutput)?.[0] ?? '',
  };
}

/** Runs `fn` over `items` with at most `limit` at a time, keeping the order of the results. */
export async function pool<T, R>(
  items: T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]);
    }
  };
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, worker),
  );
  return results;
}

/** Cases at a time: LIFTOFF_MATRIX_CONCURRENCY, else one per core. */
export function concurrency(): number {
  const configured = Number(process.env.LIFTOFF_MATRIX_CONCURRENCY);
  return Number.isInteger(configured) && configured > 0
    ? configured
    : Math.max(1, os.availableParallelism());
}

export async function makeWorkDir(name: string): Promise<string> {
  return fs.promises.mkdtemp(path.join(os.tmpdir(), `liftoff-${name}-`));
}

/** A table of the timings, for the test log and templates/README.md: wall seconds (CPU seconds). */
export function timingTable(
  results: CaseResult[],
  wallSeconds: number,
): string {
  const f = (s: number) => s.toFixed(1);
  const lines = [
    '| case | render | lint (tsc) | own tests | cdk synth | total |',
    '|---|---|---|---|---|---|',
  ];
  const cpuOf = (r: CaseResult) =>
    r.timings.reduce((acc, t) => acc + (t.cpuSeconds ?? 0), 0);
  for (const r of results) {
    const t = (step: StepTiming['step']) => {
      const timing = r.timings.find(x => x.step === step);
      if (!timing) return '-';
      return timing.cpuSeconds === undefined
        ? f(timing.seconds)
        : `${f(timing.seconds)} (${f(timing.cpuSeconds)})`;
    };
    lines.push(
      `| ${r.case.template} ${r.case.id} | ${t('render')} | ${t('lint')} | ${t('test')} | ${t('synth')} | ${f(r.totalSeconds)} (${f(cpuOf(r))}) |`,
    );
  }
  const sum = results.reduce((acc, r) => acc + r.totalSeconds, 0);
  const cpu = results.reduce((acc, r) => acc + cpuOf(r), 0);
  lines.push(
    `| ${results.length} cases, ${concurrency()} at a time | | | | | sum ${f(sum)} s (CPU ${f(cpu)} s), wall ${f(wallSeconds)} s |`,
  );
  return lines.join('\n');
}
