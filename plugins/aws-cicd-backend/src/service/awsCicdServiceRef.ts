import {
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import { awsClientFactoryServiceRef } from '@liftoff/plugin-aws-cicd-node';
import { DefaultAwsCicdService } from './DefaultAwsCicdService';
import { AwsCicdService } from './types';

/**
 * The {@link AwsCicdService} of the aws-cicd plugin. Replace it with
 * `createServiceFactory({ service: awsCicdServiceRef, ... })`.
 * @public
 */
export const awsCicdServiceRef = createServiceRef<AwsCicdService>({
  id: 'liftoff.aws-cicd.service',
  scope: 'plugin',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: {
        logger: coreServices.logger,
        cache: coreServices.cache,
        config: coreServices.rootConfig,
        clients: awsClientFactoryServiceRef,
      },
      factory({ logger, cache, config, clients }) {
        return DefaultAwsCicdService.fromConfig(config, {
          logger,
          cache,
          clients,
        });
      },
    }),
});
