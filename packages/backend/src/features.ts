import appBackend from '@backstage/plugin-app-backend';
import authBackend from '@backstage/plugin-auth-backend';
import authGuestProvider from '@backstage/plugin-auth-backend-module-guest-provider';
import catalogBackend from '@backstage/plugin-catalog-backend';
import catalogScaffolderEntityModel from '@backstage/plugin-catalog-backend-module-scaffolder-entity-model';
import eventsBackend from '@backstage/plugin-events-backend';
import permissionBackend from '@backstage/plugin-permission-backend';
import scaffolderBackend from '@backstage/plugin-scaffolder-backend';
import awsCicdBackend from '@liftoff/plugin-aws-cicd-backend';
import scaffolderAwsCicd from '@liftoff/plugin-scaffolder-backend-module-aws-cicd';
import { permissionPolicyModule } from './permissionPolicy';

/**
 * Everything the backend runs, in one list, so that the tests boot exactly
 * what the demo boots.
 */
export const backendFeatures = [
  appBackend,
  authBackend,
  authGuestProvider,
  catalogBackend,
  catalogScaffolderEntityModel,
  eventsBackend,
  permissionBackend,
  permissionPolicyModule,
  scaffolderBackend,
  awsCicdBackend,
  scaffolderAwsCicd,
];
