import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';

/**
 * Registers Liftoff's scaffolder actions.
 * @public
 */
export const scaffolderModuleAwsCicd = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'aws-cicd',
  register(reg) {
    reg.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        logger: coreServices.logger,
      },
      async init({ scaffolder, logger }) {
        const actions: Parameters<typeof scaffolder.addActions> = [];
        scaffolder.addActions(...actions);
        logger.info(`Registered ${actions.length} Liftoff scaffolder actions`);
      },
    });
  },
});
