import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { awsClientFactoryServiceRef } from '@liftoff/plugin-aws-cicd-node';
import {
  createCatalogAnnotateAction,
  createCodePipelineStartAction,
  createCodePipelineWaitAction,
  createDeploymentStrategyResolveAction,
  createGitPublishLocalAction,
} from './actions';

/**
 * Registers Liftoff's scaffolder actions. The AWS actions get their clients
 * from the backend's one {@link @liftoff/plugin-aws-cicd-node#awsClientFactoryServiceRef},
 * the same the Liftoff backend plugin uses.
 * @public
 */
export const scaffolderModuleAwsCicd = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'aws-cicd',
  register(reg) {
    reg.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        config: coreServices.rootConfig,
        clientFactory: awsClientFactoryServiceRef,
        catalog: catalogServiceRef,
        auth: coreServices.auth,
      },
      async init({ scaffolder, config, clientFactory, catalog, auth }) {
        scaffolder.addActions(
          createDeploymentStrategyResolveAction(),
          createCodePipelineStartAction({ clientFactory }),
          createCodePipelineWaitAction({ clientFactory }),
          createGitPublishLocalAction({
            config,
            catalog: { service: catalog, auth },
          }),
          createCatalogAnnotateAction(),
        );
      },
    });
  },
});
