/**
 * The node library shared by the Liftoff backend plugin and the scaffolder
 * actions: the AWS client factory, the one classification of AWS errors, and
 * reading a deployment's targets and traffic.
 *
 * @packageDocumentation
 */
export * from './AwsClientFactory';
export { awsClientFactoryServiceRef } from './service';
export * from './awsErrors';
export * from './awsErrorMapping';
export * from './deploymentTargets';
