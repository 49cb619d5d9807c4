/**
 * Liftoff's scaffolder actions: deployment strategies, CodePipeline start and
 * wait, local git publishing and catalog annotations.
 *
 * @packageDocumentation
 */
export { scaffolderModuleAwsCicd as default } from './module';
export * from './actions';
