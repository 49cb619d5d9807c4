/**
 * A local AWS for Liftoff: CodePipeline, CodeBuild, CodeDeploy and CloudWatch alarms on the AWS wire protocols,
 * backed by a simulation of pipelines, builds and canary / linear / blue-green deployments.
 *
 * @packageDocumentation
 */

import { resolve as resolvePath } from 'node:path';

export { startEmulator } from './emulator';
export type { AwsEmulator, EmulatorOptions, EmulatorState } from './emulator';
export type { EmulatorClock, ClockOptions } from './clock';
export type { FaultConfig, Faults, LatencySpec, ThrottleSpec } from './faults';
export type { CallLog, CallRecord } from './callLog';
export { loadScenario, parseScenario, ScenarioError } from './scenario/load';
export type * from './scenario/types';
export { SimulationError } from './sim/simulation';
export { AwsError } from './errors';

/**
 * Path of the demo scenario shipped with the package. src/ and dist/ both sit one level below scenarios/, so the
 * relative path holds in development and in a published build.
 */
export const demoScenarioPath: string = resolvePath(
  // eslint-disable-next-line no-restricted-syntax
  __dirname,
  '../scenarios/demo.yaml',
);
