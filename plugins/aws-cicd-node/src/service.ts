import {
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import { AwsClientFactory, DefaultAwsClientFactory } from './AwsClientFactory';

/**
 * The one {@link AwsClientFactory} of a backend, shared by the Liftoff backend
 * plugin and the scaffolder actions. Replace it with your own factory through
 * `createServiceFactory({ service: awsClientFactoryServiceRef, ... })`.
 * @public
 */
export const awsClientFactoryServiceRef = createServiceRef<AwsClientFactory>({
  id: 'liftoff.aws-client-factory',
  scope: 'root',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: { config: coreServices.rootConfig },
      factory: ({ config }) => DefaultAwsClientFactory.fromConfig(config),
    }),
});
