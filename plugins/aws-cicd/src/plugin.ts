import {
  createPlugin,
  createRoutableExtension,
} from '@backstage/core-plugin-api';
import { rootRouteRef } from './routes';

/**
 * The Liftoff AWS CI/CD frontend plugin (legacy frontend system).
 * @public
 */
export const awsCicdPlugin = createPlugin({
  id: 'aws-cicd',
  routes: { root: rootRouteRef },
});

/**
 * The entity "CI/CD" tab content.
 * @public
 */
export const EntityAwsCicdContent = awsCicdPlugin.provide(
  createRoutableExtension({
    name: 'EntityAwsCicdContent',
    component: () =>
      import('./components/AnnotationsSummary').then(m => m.AnnotationsSummary),
    mountPoint: rootRouteRef,
  }),
);
