/**
 * The Liftoff AWS CI/CD backend plugin: an entity's CodePipeline, CodeBuild
 * and CodeDeploy delivery state and its safe write actions.
 *
 * @packageDocumentation
 */
export { awsCicdPlugin as default } from './plugin';
