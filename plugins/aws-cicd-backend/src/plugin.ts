import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { awsCicdPermissions } from '@liftoff/plugin-aws-cicd-common';
import { readAwsCicdConfig } from './config';
import { awsCicdServiceRef } from './service/awsCicdServiceRef';
import { createRouter } from './service/router';

/**
 * The Liftoff AWS CI/CD backend plugin (pluginId `aws-cicd`), serving
 * `/api/aws-cicd`.
 * @public
 */
export const awsCicdPlugin = createBackendPlugin({
  pluginId: 'aws-cicd',
  register(env) {
    env.registerInit({
      deps: {
        logger: coreServices.logger,
        config: coreServices.rootConfig,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        auditor: coreServices.auditor,
        catalog: catalogServiceRef,
        service: awsCicdServiceRef,
      },
      async init({
        logger,
        config,
        httpAuth,
        httpRouter,
        permissions,
        permissionsRegistry,
        auditor,
        catalog,
        service,
      }) {
        permissionsRegistry.addPermissions(awsCicdPermissions);
        httpRouter.use(
          await createRouter({
            logger,
            httpAuth,
            permissions,
            auditor,
            catalog,
            service,
            requestBudgetMs: readAwsCicdConfig(config).requestBudgetMs,
          }),
        );
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
