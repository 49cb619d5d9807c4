import { parseArgs } from 'node:util';
import { startEmulator } from './emulator';
import { demoScenarioPath } from './index';

const USAGE = `Usage: liftoff-aws-emulator [options]

A local AWS (CodePipeline, CodeBuild, CodeDeploy, CloudWatch alarms) for Liftoff.

Options:
  --port <n>          Port to listen on (default 4599; 0 = any free port)
  --host <addr>       Address to bind (default 127.0.0.1)
  --scenario <file>   Scenario YAML (default: the demo scenario)
  --speed <n>         Simulated seconds per real second (default 10)
  --manual            Manual clock: time moves only via POST /__emulator/clock/advance
  -h, --help          Show this help
`;

export interface CliOptions {
  port: number;
  host: string;
  scenario: string;
  speed: number;
  manual: boolean;
}

/** Parses the command line; throws with a message for bad values. */
export function parseCli(argv: string[]): CliOptions | 'help' {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      scenario: { type: 'string' },
      speed: { type: 'string' },
      manual: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) return 'help';
  const port = Number(values.port ?? 4599);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be a port number, got ${values.port}`);
  const speed = Number(values.speed ?? 10);
  if (!(speed > 0))
    throw new Error(`--speed must be a positive number, got ${values.speed}`);
  return {
    port,
    host: values.host ?? '127.0.0.1',
    scenario: values.scenario ?? demoScenarioPath,
    speed,
    manual: values.manual ?? false,
  };
}

export async function main(argv: string[]): Promise<void> {
  let options: CliOptions | 'help';
  try {
    options = parseCli(argv);
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  if (options === 'help') {
    process.stdout.write(USAGE);
    return;
  }
  const emulator = await startEmulator({
    port: options.port,
    host: options.host,
    scenario: options.scenario,
    clock: options.manual
      ? { mode: 'manual' }
      : { mode: 'real', speed: options.speed },
  });
  process.stdout.write(
    `Liftoff AWS emulator listening on ${emulator.url} (scenario ${emulator.scenario.name ?? options.scenario}, ${
      options.manual ? 'manual clock' : `speed ${options.speed}x`
    })\n`,
  );
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`Received ${signal}, stopping\n`);
    emulator.stop().then(
      () => process.exit(0),
      e => {
        process.stderr.write(`${String(e)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

if (require.main === module) {
  main(process.argv.slice(2)).catch(e => {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  });
}
