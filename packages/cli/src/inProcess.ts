/*
 * Runs a template in this process: a minimal Backstage backend (the
 * scaffolder, Liftoff's actions, in-memory SQLite, no catalog) on a free
 * loopback port, and the scaffolder's own dry-run API. Dry run is what CI
 * wants from a template test: every step runs its dry-run path (publishing
 * and AWS steps report what they would do), and the rendered files come back.
 */
import { randomBytes } from 'node:crypto';
import { AddressInfo, createServer } from 'node:net';
import { resolve } from 'node:path';
import { createBackend } from '@backstage/backend-defaults';
import {
  coreServices,
  createServiceFactory,
  LoggerService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import {
  ConfigSources,
  FileConfigSource,
  StaticConfigSource,
} from '@backstage/config-loader';
import { JsonObject } from '@backstage/types';
import scaffolderModuleAwsCicd from '@liftoff/plugin-scaffolder-backend-module-aws-cicd';
import { cleanLogMessage } from './output';
import { LoadedTemplate } from './template';
import { refusedValues } from './values';

export interface DryRunResult {
  ok: boolean;
  /** Step logs in order. */
  log: Array<{ stepId?: string; message: string; status?: string }>;
  steps: Array<{ id: string; name: string; action: string }>;
  files: Array<{ path: string; base64Content: string; executable?: boolean }>;
  output: JsonObject;
  /** The failure, when ok is false. */
  error?: string;
  /** The values the scaffolder refused, one `field: message` line each. */
  invalid?: string[];
  /** Backend log lines, for the failure report. */
  backendLog: string[];
}

// eslint-disable-next-line no-control-regex
const STEP_LOG = /^\w+ \[scaffolder\] \u001b\[\d+m\w+\u001b\[39m: ([\s\S]*)$/;

async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const server = createServer();
    server.once('error', rej);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => res(port));
    });
  });
}

/** Collects the backend's log; prints it only with --verbose. */
function collectingLogger(
  lines: string[],
  echo?: (line: string) => void,
  meta: JsonObject = {},
): LoggerService {
  const write =
    (level: string) => (message: string, fields?: Error | JsonObject) => {
      const all = {
        ...meta,
        ...(fields instanceof Error ? { error: fields.message } : fields),
      };
      const extra = Object.entries(all)
        .filter(([k]) => k !== 'plugin' && k !== 'service')
        .map(
          ([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`,
        )
        .join(' ');
      const line = `${level} ${all.plugin ? `[${String(all.plugin)}] ` : ''}${message}${extra ? ` ${extra}` : ''}`;
      lines.push(line);
      echo?.(line);
    };
  return {
    error: write('error'),
    warn: write('warn'),
    info: write('info'),
    debug: () => {},
    child: fields => collectingLogger(lines, echo, { ...meta, ...fields }),
  };
}

export async function dryRunInProcess(options: {
  template: LoadedTemplate;
  values: Record<string, unknown>;
  secrets?: Record<string, string>;
  /** app-config files to read aws.*, awsCicd.*, scaffolder.*, integrations.* from. */
  configFiles?: string[];
  /** Called with each step log line as it is written. */
  onStepLog?: (line: string) => void;
  /** Called with every backend log line (--verbose). */
  verbose?: (line: string) => void;
}): Promise<DryRunResult> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const token = randomBytes(24).toString('base64url');
  const backendConfig: JsonObject = {
    backend: {
      baseUrl,
      listen: { host: '127.0.0.1', port },
      database: { client: 'better-sqlite3', connection: ':memory:' },
      auth: {
        externalAccess: [
          { type: 'static', options: { token, subject: 'liftoff-cli' } },
        ],
      },
    },
  };
  const sources = [
    ...(options.configFiles ?? []).map(path =>
      FileConfigSource.create({ path: resolve(path), watch: false }),
    ),
    // Last, so a config file cannot move the backend off loopback.
    StaticConfigSource.create({ data: backendConfig, context: 'liftoff-cli' }),
  ];
  const fileConfig = await ConfigSources.toConfig(ConfigSources.merge(sources));
  const config: RootConfigService = new ConfigReader(fileConfig.get());
  fileConfig.close();

  const backendLog: string[] = [];
  const backend = createBackend();
  backend.add(
    createServiceFactory({
      service: coreServices.rootConfig,
      deps: {},
      factory: () => config,
    }),
  );
  backend.add(
    createServiceFactory({
      service: coreServices.rootLogger,
      deps: {},
      factory: () =>
        collectingLogger(backendLog, line => {
          options.verbose?.(line);
          // The scaffolder copies each step's log, "<level>: message" (coloured), to its plugin logger.
          const step = STEP_LOG.exec(line);
          if (step) options.onStepLog?.(cleanLogMessage(step[1]));
        }),
    }),
  );
  backend.add(import('@backstage/plugin-scaffolder-backend'));
  backend.add(scaffolderModuleAwsCicd);
  await backend.start();
  try {
    const response = await fetch(`${baseUrl}/api/scaffolder/v2/dry-run`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${token}`,
      },
      body: JSON.stringify({
        template: options.template.template,
        values: options.values,
        secrets: options.secrets ?? {},
        directoryContents: options.template.directoryContents,
      }),
    });
    const body = await response.json();
    if (!response.ok) {
      const errors: Array<{
        property?: string;
        message?: string;
        stack?: string;
      }> = body.errors ?? [];
      const error =
        errors.length > 0
          ? errors.map(e => e.stack ?? e.message).join('\n')
          : (body.error?.message ?? `HTTP ${response.status}`);
      return {
        ok: false,
        log: [],
        steps: [],
        files: [],
        output: {},
        error,
        invalid: response.status === 400 ? refusedValues(body) : undefined,
        backendLog,
      };
    }
    return {
      ok: true,
      log: (body.log ?? []).map((entry: { body: Record<string, string> }) => ({
        stepId: entry.body.stepId,
        status: entry.body.status,
        message: entry.body.message,
      })),
      steps: body.steps ?? [],
      files: body.directoryContents ?? [],
      output: body.output ?? {},
      backendLog,
    };
  } finally {
    await backend.stop();
  }
}
