/**
 * The catalog page of Liftoff: an entity's pipelines, builds and deployments
 * on AWS.
 *
 * @packageDocumentation
 */
export {
  awsCicdPlugin,
  EntityAwsCicdContent,
  EntityAwsCicdPipelineCard,
  EntityAwsCicdDeploymentCard,
} from './plugin';
export { isAwsCicdAvailable } from './conditions';
export { awsCicdApiRef, AwsCicdClient } from './api';
export type { AwsCicdApi } from './api';
