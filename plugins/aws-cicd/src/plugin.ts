import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { awsCicdApiRef, AwsCicdClient } from './api';
import { rootRouteRef } from './routes';

/**
 * The Liftoff AWS CI/CD frontend plugin (legacy frontend system).
 * @public
 */
export const awsCicdPlugin = createPlugin({
  id: 'aws-cicd',
  apis: [
    createApiFactory({
      api: awsCicdApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new AwsCicdClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: { root: rootRouteRef },
});

/**
 * The entity "CI/CD" tab: pipelines, deployments and builds. On an entity
 * without the annotations it says exactly which to add.
 * @public
 */
export const EntityAwsCicdContent = awsCicdPlugin.provide(
  createRoutableExtension({
    name: 'EntityAwsCicdContent',
    component: () =>
      import('./components/AwsCicdContent').then(m => m.AwsCicdContent),
    mountPoint: rootRouteRef,
  }),
);

/**
 * Overview card: the latest execution of the entity's pipelines.
 * @public
 */
export const EntityAwsCicdPipelineCard = awsCicdPlugin.provide(
  createComponentExtension({
    name: 'EntityAwsCicdPipelineCard',
    component: {
      lazy: () => import('./components/Cards').then(m => m.PipelineCard),
    },
  }),
);

/**
 * Overview card: the entity's current deployment, with traffic and
 * countdowns.
 * @public
 */
export const EntityAwsCicdDeploymentCard = awsCicdPlugin.provide(
  createComponentExtension({
    name: 'EntityAwsCicdDeploymentCard',
    component: {
      lazy: () => import('./components/Cards').then(m => m.DeploymentCard),
    },
  }),
);
