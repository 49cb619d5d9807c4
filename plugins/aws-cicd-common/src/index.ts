/**
 * Annotations, ARN parsing, shared API types, permissions, console links,
 * traffic plans and deployment-strategy rules of the Liftoff AWS CI/CD
 * plugins. Browser-safe: no AWS SDK, no Node.
 *
 * @packageDocumentation
 */
export * from './annotations';
export * from './arns';
export * from './api';
export * from './console';
export * from './deploymentStrategies';
export * from './permissions';
export * from './routes';
export * from './traffic';
export * from './validationMessages';
export * from './schemaErrorMessages';
