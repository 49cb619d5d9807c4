import { createFrontendPlugin } from '@backstage/frontend-plugin-api';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';

/**
 * The entity "CI/CD" tab. Shown on every component, so that a service without
 * the annotations learns exactly which to add.
 * @alpha
 */
export const awsCicdEntityContent = EntityContentBlueprint.make({
  name: 'aws-cicd',
  params: {
    path: 'ci-cd',
    title: 'CI/CD',
    filter: 'kind:component',
    loader: () =>
      import('./components/AnnotationsSummary').then(m => (
        <m.AnnotationsSummary />
      )),
  },
});

/**
 * The Liftoff AWS CI/CD plugin for the new frontend system.
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'aws-cicd',
  extensions: [awsCicdEntityContent],
});
