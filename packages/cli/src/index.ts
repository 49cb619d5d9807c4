/**
 * The `liftoff` command: runs Backstage software templates with Liftoff's
 * scaffolder actions from CI, in-process or as a task on a Backstage instance.
 *
 * @packageDocumentation
 */
export { main, USAGE } from './cli';
export { dryRunInProcess, type DryRunResult } from './inProcess';
export { runRemoteTask, type RemoteOptions, type RemoteResult } from './remote';
export { validateValues } from './template';
