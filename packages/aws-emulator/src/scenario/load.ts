import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { checkFaultConfig } from '../faults';
import { Scenario, ScenarioEvent } from './types';

/** A scenario file that does not match the format; the message names the bad key. */
export class ScenarioError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScenarioError';
  }
}

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function fail(path: string, message: string): never {
  throw new ScenarioError(`${path} ${message}`);
}

function obj(v: unknown, path: string): Obj {
  if (!isObj(v)) fail(path, 'must be a mapping');
  return v;
}

function only(o: Obj, path: string, keys: string[]): void {
  for (const k of Object.keys(o))
    if (!keys.includes(k))
      fail(
        `${path}.${k}`,
        `is not a known key (expected one of ${keys.join(', ')})`,
      );
}

function str(
  o: Obj,
  key: string,
  path: string,
  required = false,
): string | undefined {
  const v = o[key];
  if (v === undefined || v === null) {
    if (required) fail(`${path}.${key}`, 'is required');
    return undefined;
  }
  if (typeof v !== 'string' || v === '')
    fail(`${path}.${key}`, 'must be a non-empty string');
  return v;
}

function num(
  o: Obj,
  key: string,
  path: string,
  min = -Infinity,
): number | undefined {
  const v = o[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min)
    fail(`${path}.${key}`, `must be a number >= ${min}`);
  return v;
}

function oneOf(
  o: Obj,
  key: string,
  path: string,
  values: readonly string[],
  required = false,
): void {
  const v = str(o, key, path, required);
  if (v !== undefined && !values.includes(v))
    fail(`${path}.${key}`, `must be one of ${values.join(', ')}`);
}

function list(o: Obj, key: string, path: string): unknown[] {
  const v = o[key];
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) fail(`${path}.${key}`, 'must be a list');
  return v;
}

function range(o: Obj, key: string, path: string): void {
  const v = o[key];
  if (v === undefined) return;
  if (
    !Array.isArray(v) ||
    v.length !== 2 ||
    v.some(x => typeof x !== 'number' || x <= 0) ||
    v[0] > v[1]
  ) {
    fail(`${path}.${key}`, 'must be [min, max] seconds');
  }
}

const STATES = ['OK', 'ALARM', 'INSUFFICIENT_DATA'] as const;

function checkAlarm(v: unknown, path: string): void {
  if (typeof v === 'string') return;
  const a = obj(v, path);
  only(a, path, [
    'name',
    'account',
    'region',
    'description',
    'metric',
    'namespace',
    'statistic',
    'extendedStatistic',
    'threshold',
    'comparison',
    'period',
    'evaluationPeriods',
    'dimensions',
    'state',
  ]);
  str(a, 'name', path, true);
  oneOf(a, 'state', path, STATES);
  num(a, 'threshold', path);
  num(a, 'period', path, 1);
  num(a, 'evaluationPeriods', path, 1);
  if (a.dimensions !== undefined) {
    const d = obj(a.dimensions, `${path}.dimensions`);
    for (const [k, x] of Object.entries(d))
      if (typeof x !== 'string')
        fail(`${path}.dimensions.${k}`, 'must be a string');
  }
}

function checkService(v: unknown, path: string): void {
  const s = obj(v, path);
  only(s, path, [
    'name',
    'platform',
    'account',
    'region',
    'source',
    'pipeline',
    'buildSeconds',
    'testSeconds',
    'deployment',
    'owner',
    'description',
  ]);
  str(s, 'name', path, true);
  oneOf(s, 'platform', path, ['lambda', 'ecs'], true);
  range(s, 'buildSeconds', path);
  range(s, 'testSeconds', path);
  if (s.source !== undefined) {
    const src = obj(s.source, `${path}.source`);
    only(src, `${path}.source`, ['provider', 'repository', 'branch']);
    oneOf(src, 'provider', `${path}.source`, [
      'CodeStarSourceConnection',
      'CodeCommit',
    ]);
  }
  if (s.pipeline !== undefined) {
    const p = obj(s.pipeline, `${path}.pipeline`);
    only(p, `${path}.pipeline`, ['executionMode', 'pipelineType', 'approval']);
    oneOf(p, 'executionMode', `${path}.pipeline`, [
      'SUPERSEDED',
      'QUEUED',
      'PARALLEL',
    ]);
    oneOf(p, 'pipelineType', `${path}.pipeline`, ['V1', 'V2']);
    if (
      p.approval !== undefined &&
      typeof p.approval !== 'boolean' &&
      typeof p.approval !== 'string'
    ) {
      fail(`${path}.pipeline.approval`, 'must be true/false or a stage name');
    }
  }
  if (s.deployment !== undefined) {
    const dp = `${path}.deployment`;
    const d = obj(s.deployment, dp);
    only(d, dp, [
      'config',
      'alarms',
      'autoRollback',
      'hooks',
      'hookSeconds',
      'readyWait',
      'terminationWait',
      'testPort',
      'desiredCount',
      'initialVersion',
    ]);
    str(d, 'config', dp);
    list(d, 'alarms', dp).forEach((a, i) =>
      checkAlarm(a, `${dp}.alarms[${i}]`),
    );
    if (d.autoRollback !== undefined && typeof d.autoRollback !== 'boolean') {
      const events = list(d, 'autoRollback', dp);
      for (const e of events) {
        if (
          ![
            'DEPLOYMENT_FAILURE',
            'DEPLOYMENT_STOP_ON_ALARM',
            'DEPLOYMENT_STOP_ON_REQUEST',
          ].includes(e as string)
        ) {
          fail(`${dp}.autoRollback`, `has an unknown event ${String(e)}`);
        }
      }
    }
    num(d, 'hookSeconds', dp, 0);
    num(d, 'terminationWait', dp, 0);
    num(d, 'desiredCount', dp, 1);
    num(d, 'initialVersion', dp, 1);
    if (d.testPort !== null) num(d, 'testPort', dp, 1);
    if (d.readyWait !== undefined) {
      const r = obj(d.readyWait, `${dp}.readyWait`);
      if (num(r, 'minutes', `${dp}.readyWait`, 0) === undefined)
        fail(`${dp}.readyWait.minutes`, 'is required');
      oneOf(r, 'action', `${dp}.readyWait`, [
        'STOP_DEPLOYMENT',
        'CONTINUE_DEPLOYMENT',
      ]);
    }
  }
}

const EVENT_KINDS = [
  'commit',
  'start',
  'build',
  'alarm',
  'approval',
  'continueDeployment',
  'stopDeployment',
  'deploymentAlarm',
  'hookFailure',
] as const;

function checkEvent(v: unknown, path: string): void {
  const e = obj(v, path);
  num(e, 'at', path);
  num(e, 'every', path, 1);
  num(e, 'until', path);
  const kinds = Object.keys(e).filter(
    k => !['at', 'every', 'until'].includes(k),
  );
  if (
    kinds.length !== 1 ||
    !(EVENT_KINDS as readonly string[]).includes(kinds[0])
  ) {
    fail(
      path,
      `must have exactly one of ${EVENT_KINDS.join(', ')} (besides at/every/until)`,
    );
  }
  const kind = kinds[0];
  const p = `${path}.${kind}`;
  const body = obj(e[kind], p);
  switch (kind) {
    case 'commit':
    case 'start':
      str(body, 'pipeline', p, true);
      break;
    case 'build':
      str(body, 'project', p, true);
      if (body.fail !== true) fail(`${p}.fail`, 'must be true');
      oneOf(body, 'status', p, ['FAILED', 'FAULT', 'TIMED_OUT']);
      break;
    case 'alarm':
      str(body, 'name', p, true);
      oneOf(body, 'state', p, STATES, true);
      break;
    case 'approval':
      str(body, 'pipeline', p, true);
      oneOf(body, 'result', p, ['Approved', 'Rejected']);
      num(body, 'within', p, 0);
      break;
    case 'continueDeployment':
      str(body, 'application', p, true);
      oneOf(body, 'waitType', p, ['READY_WAIT', 'TERMINATION_WAIT']);
      num(body, 'within', p, 0);
      break;
    case 'stopDeployment':
      str(body, 'application', p, true);
      break;
    case 'deploymentAlarm':
      str(body, 'application', p, true);
      str(body, 'alarm', p, true);
      num(body, 'after', p, 0);
      num(body, 'clearAfter', p, 0);
      break;
    case 'hookFailure':
      str(body, 'application', p, true);
      str(body, 'event', p, true);
      break;
    default:
      break;
  }
}

/** Checks a parsed scenario; throws ScenarioError naming the first bad key. */
export function checkScenario(value: unknown): Scenario {
  const s = obj(value ?? {}, 'scenario');
  only(s, 'scenario', [
    'name',
    'seed',
    'account',
    'region',
    'accounts',
    'history',
    'services',
    'projects',
    'alarms',
    'deploymentConfigs',
    'events',
    'faults',
  ]);
  str(s, 'name', 'scenario');
  num(s, 'seed', 'scenario');
  if (s.account !== undefined && !/^\d{12}$/.test(String(s.account)))
    fail(
      'scenario.account',
      'must be a 12-digit account id (quote it in YAML)',
    );
  str(s, 'region', 'scenario');
  list(s, 'accounts', 'scenario').forEach((a, i) => {
    const o = obj(a, `scenario.accounts[${i}]`);
    if (!/^\d{12}$/.test(String(o.id)))
      fail(`scenario.accounts[${i}].id`, 'must be a 12-digit account id');
  });
  if (s.history !== undefined) {
    const h = obj(s.history, 'scenario.history');
    only(h, 'scenario.history', [
      'days',
      'commitsPerDay',
      'failureRates',
      'quietHours',
    ]);
    if (num(h, 'days', 'scenario.history', 0) === undefined)
      fail('scenario.history.days', 'is required');
    num(h, 'commitsPerDay', 'scenario.history', 0);
    num(h, 'quietHours', 'scenario.history', 0);
  }
  const names = new Set<string>();
  list(s, 'services', 'scenario').forEach((v, i) => {
    checkService(v, `scenario.services[${i}]`);
    const name = (v as Obj).name as string;
    if (names.has(name))
      fail(`scenario.services[${i}].name`, `duplicates ${name}`);
    names.add(name);
  });
  list(s, 'projects', 'scenario').forEach((v, i) => {
    const p = obj(v, `scenario.projects[${i}]`);
    str(p, 'name', `scenario.projects[${i}]`, true);
    range(p, 'seconds', `scenario.projects[${i}]`);
  });
  list(s, 'alarms', 'scenario').forEach((v, i) =>
    checkAlarm(v, `scenario.alarms[${i}]`),
  );
  list(s, 'deploymentConfigs', 'scenario').forEach((v, i) => {
    const path = `scenario.deploymentConfigs[${i}]`;
    const c = obj(v, path);
    str(c, 'name', path, true);
    oneOf(c, 'computePlatform', path, ['Lambda', 'ECS'], true);
    const t = obj(c.trafficRouting, `${path}.trafficRouting`);
    oneOf(
      t,
      'type',
      `${path}.trafficRouting`,
      ['AllAtOnce', 'TimeBasedCanary', 'TimeBasedLinear'],
      true,
    );
    if (t.type !== 'AllAtOnce') {
      if (num(t, 'percentage', `${path}.trafficRouting`, 1) === undefined)
        fail(`${path}.trafficRouting.percentage`, 'is required');
      if (num(t, 'intervalMinutes', `${path}.trafficRouting`, 1) === undefined)
        fail(`${path}.trafficRouting.intervalMinutes`, 'is required');
    }
  });
  list(s, 'events', 'scenario').forEach((v, i) =>
    checkEvent(v, `scenario.events[${i}]`),
  );
  if (s.faults !== undefined) {
    try {
      checkFaultConfig(s.faults);
    } catch (e) {
      fail('scenario.faults', `is invalid: ${(e as Error).message}`);
    }
  }
  return s as Scenario;
}

/** Parses scenario YAML (or JSON, which is YAML). */
export function parseScenario(text: string): Scenario {
  let value: unknown;
  try {
    value = parse(text);
  } catch (e) {
    throw new ScenarioError(
      `scenario is not valid YAML: ${(e as Error).message}`,
    );
  }
  return checkScenario(value);
}

/** Reads and checks a scenario file. */
export function loadScenario(path: string): Scenario {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new ScenarioError(
      `cannot read scenario ${path}: ${(e as Error).message}`,
    );
  }
  try {
    return parseScenario(text);
  } catch (e) {
    if (e instanceof ScenarioError)
      throw new ScenarioError(`${path}: ${e.message}`);
    throw e;
  }
}

export type { ScenarioEvent };
