import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
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
        httpRouter: coreServices.httpRouter,
      },
      async init({ logger, httpRouter }) {
        httpRouter.use(await createRouter({ logger }));
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
