import { permissionPolicyModule } from './permissionPolicy';

/**
 * Everything the backend runs, in one list, so that the tests boot exactly
 * what the demo boots.
 */
export const backendFeatures = [
  import('@backstage/plugin-app-backend'),
  import('@backstage/plugin-auth-backend'),
  import('@backstage/plugin-auth-backend-module-guest-provider'),
  import('@backstage/plugin-catalog-backend'),
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
  import('@backstage/plugin-permission-backend'),
  permissionPolicyModule,
  import('@backstage/plugin-scaffolder-backend'),
  import('@liftoff/plugin-aws-cicd-backend'),
  import('@liftoff/plugin-scaffolder-backend-module-aws-cicd'),
];
