/**
 * The Liftoff AWS CI/CD backend plugin: an entity's CodePipeline, CodeBuild
 * and CodeDeploy delivery state and its safe write actions.
 *
 * @packageDocumentation
 */
export { awsCicdPlugin as default } from './plugin';
export type {
  AwsCicdService,
  ReadOptions,
  WriteOptions,
} from './service/types';
export { awsCicdServiceRef } from './service/awsCicdServiceRef';
export {
  DefaultAwsCicdService,
  type DefaultAwsCicdServiceOptions,
} from './service/DefaultAwsCicdService';
export { readAwsCicdConfig, type AwsCicdConfig } from './config';
