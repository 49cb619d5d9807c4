/**
 * Annotations, ARN parsing, shared API types and permissions of the Liftoff
 * AWS CI/CD plugins. Browser-safe: no AWS SDK.
 *
 * @packageDocumentation
 */
export * from './annotations';
export * from './api';
export * from './permissions';
export * from './validationMessages';
