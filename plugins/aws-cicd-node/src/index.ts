/**
 * The AWS client factory shared by the Liftoff backend plugin and the
 * scaffolder actions.
 *
 * @packageDocumentation
 */
export * from './AwsClientFactory';
export { awsClientFactoryServiceRef } from './service';
