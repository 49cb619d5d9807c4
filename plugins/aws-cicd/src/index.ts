/**
 * The catalog page of Liftoff: an entity's pipelines, builds and deployments
 * on AWS.
 *
 * @packageDocumentation
 */
export { awsCicdPlugin, EntityAwsCicdContent } from './plugin';
export { isAwsCicdAvailable } from './conditions';
