import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { consolePrinter, Printer, writeFiles } from './output';
import { BackstageClient, runRemoteTask } from './remote';
import {
  coerceValues,
  loadTemplate,
  LoadedTemplate,
  loadValues,
  parameterSchemas,
  parseSetFlags,
  validateValues,
} from './template';
import { InvalidValuesError } from './values';

export const USAGE = `Usage: liftoff scaffold <template.yaml | template:<namespace>/<name>> [options]

Runs a Backstage software template with Liftoff's scaffolder actions.

In-process (default): runs the template here with the real scaffolder engine in
dry-run mode (publishing and AWS steps report what they would do) and writes the
rendered files to --output.

With --backstage-url: runs it as a task on that Backstage instance (the
template must be registered in its catalog) and streams the task's log.

Options:
  --values <file>         parameter values (YAML or JSON)
  --set <name=value>      a parameter value (repeatable; wins over --values),
                          typed by the parameter's schema: text stays text
  --secrets <file>        task secrets (YAML or JSON)
  --output <dir>          where to write the rendered files (in-process)
  --config <file>         app-config file for aws.*, awsCicd.*, scaffolder.*,
                          integrations.* (repeatable; in-process)
  --backstage-url <url>   run as a task on this Backstage instance
  --token <token>         its token (default: $BACKSTAGE_TOKEN)
  --timeout <minutes>     give up waiting for a task after this long (default 120)
  --verbose               print the in-process backend's own log to stderr
  -h, --help              this help

Exit codes: 0 done, 1 a step failed, 2 bad usage or invalid values.`;

class UsageError extends Error {}

function readSecrets(path?: string): Record<string, string> {
  const secrets = loadValues(path);
  return Object.fromEntries(
    Object.entries(secrets).map(([k, v]) => [k, String(v)]),
  );
}

const isTemplateRef = (arg: string) =>
  !fs.existsSync(arg) &&
  /^([\w-]+:)?([\w.-]+\/)?[\w.-]+$/.test(arg) &&
  !/\.ya?ml$/.test(arg);

function printOutput(printer: Printer, output: Record<string, any>) {
  for (const link of output.links ?? []) {
    if (link?.url) printer.out(`  ${link.title ?? link.url}: ${link.url}`);
  }
  for (const text of output.text ?? []) {
    if (text?.content) {
      printer.out(
        text.title ? `  ${text.title}: ${text.content}` : `  ${text.content}`,
      );
    }
  }
}

/** Runs the CLI; resolves to the exit code. */
export async function main(
  argv: string[],
  printer: Printer = consolePrinter,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        values: { type: 'string' },
        set: { type: 'string', multiple: true },
        secrets: { type: 'string' },
        output: { type: 'string' },
        config: { type: 'string', multiple: true },
        'backstage-url': { type: 'string' },
        token: { type: 'string' },
        timeout: { type: 'string' },
        verbose: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    printer.err(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values: flags, positionals } = parsed;
  if (flags.help) {
    printer.out(USAGE);
    return 0;
  }
  const [command, target, ...rest] = positionals;
  if (command !== 'scaffold' || !target || rest.length > 0) {
    printer.err(USAGE);
    return 2;
  }

  try {
    // Read as text, typed by each parameter's schema once the schema is known.
    const raw = { ...loadValues(flags.values), ...parseSetFlags(flags.set) };
    const secrets = readSecrets(flags.secrets);
    const remoteUrl = flags['backstage-url'];

    if (remoteUrl) {
      const token = flags.token ?? env.BACKSTAGE_TOKEN;
      let templateRef: string;
      let schemas;
      if (isTemplateRef(target)) {
        templateRef = target.includes(':') ? target : `template:${target}`;
        schemas = await new BackstageClient(remoteUrl, token).parameterSchema(
          templateRef,
        );
      } else {
        const { template } = loadTemplate(target);
        templateRef = `template:${template.metadata.namespace ?? 'default'}/${template.metadata.name}`;
        schemas = parameterSchemas(template.spec.parameters);
      }
      const values = coerceValues(schemas, raw);
      if (!reportInvalid(printer, validateValues(schemas, values))) return 2;
      printer.out(`Running ${templateRef} on ${remoteUrl}`);
      const timeout = flags.timeout ? Number(flags.timeout) : 120;
      const result = await runRemoteTask({
        baseUrl: remoteUrl,
        token,
        templateRef,
        values,
        secrets,
        timeoutMs: timeout * 60_000,
        onLog: (line, stepId) =>
          printer.out(stepId ? `[${stepId}] ${line}` : line),
      });
      if (result.status !== 'completed') {
        printer.err(
          `Task ${result.taskId} ${result.status}: ${result.error ?? ''}`.trimEnd(),
        );
        return 1;
      }
      printer.out(`Task ${result.taskId} completed`);
      printOutput(printer, result.output);
      return 0;
    }

    if (isTemplateRef(target)) {
      throw new UsageError(
        `'${target}' is not a file. A template ref needs --backstage-url; in-process runs take a template.yaml`,
      );
    }
    let loaded: LoadedTemplate;
    try {
      loaded = loadTemplate(target);
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    const schemas = parameterSchemas(loaded.template.spec.parameters);
    const values = coerceValues(schemas, raw);
    if (!reportInvalid(printer, validateValues(schemas, values))) return 2;
    printer.out(
      `Running ${loaded.template.metadata.name} in-process (dry run)`,
    );
    // Loaded only here: the backend is most of the CLI's start-up time.
    // (A require, not import(): the bin's tsx/cjs hook serves require.)
    const { dryRunInProcess } =
      require('./inProcess') as typeof import('./inProcess');
    const result = await dryRunInProcess({
      template: loaded,
      values,
      secrets,
      configFiles: flags.config,
      onStepLog: line => {
        // The engine's own last step, which collects the files.
        if (line.startsWith('Running dry-run:extract')) return;
        printer.out(line.replace(/^/gm, '  '));
      },
      verbose: flags.verbose ? line => printer.err(line) : undefined,
    });
    if (result.invalid) {
      reportInvalid(printer, result.invalid);
      return 2;
    }
    if (!result.ok) {
      printer.err(`Failed: ${result.error}`);
      return 1;
    }
    if (flags.output) {
      const written = writeFiles(flags.output, result.files);
      printer.out(`Wrote ${written.length} files to ${flags.output}`);
    } else {
      printer.out(
        `Rendered ${result.files.length} files (give --output to write them)`,
      );
    }
    printOutput(printer, result.output);
    return 0;
  } catch (error) {
    // The server refused values that passed here (its template differs).
    if (error instanceof InvalidValuesError) {
      reportInvalid(printer, error.problems);
      return 2;
    }
    printer.err((error as Error).message);
    return error instanceof UsageError ? 2 : 1;
  }
}

function reportInvalid(printer: Printer, problems: string[]): boolean {
  if (problems.length === 0) return true;
  printer.err('Invalid values:');
  for (const p of problems) printer.err(`  ${p}`);
  return false;
}
