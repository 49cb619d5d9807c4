import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { hasAwsCicdAnnotations } from '@liftoff/plugin-aws-cicd-common';
import { awsCicdApiRef, AwsCicdClient } from './api';

/**
 * The client of the aws-cicd backend.
 * @alpha
 */
export const awsCicdApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: awsCicdApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new AwsCicdClient({ discoveryApi, fetchApi }),
    }),
});

/**
 * The entity "CI/CD" tab, on entities with at least one Liftoff annotation.
 * @alpha
 */
export const awsCicdEntityContent = EntityContentBlueprint.make({
  name: 'aws-cicd',
  params: {
    path: 'ci-cd',
    title: 'CI/CD',
    filter: hasAwsCicdAnnotations,
    loader: () =>
      import('./components/AwsCicdContent').then(m => <m.AwsCicdContent />),
  },
});

/**
 * Overview card: the latest execution of the entity's pipelines.
 * @alpha
 */
export const awsCicdPipelineCard = EntityCardBlueprint.make({
  name: 'aws-cicd-pipeline',
  params: {
    filter: hasAwsCicdAnnotations,
    loader: () => import('./components/Cards').then(m => <m.PipelineCard />),
  },
});

/**
 * Overview card: the current deployment, traffic and countdowns.
 * @alpha
 */
export const awsCicdDeploymentCard = EntityCardBlueprint.make({
  name: 'aws-cicd-deployment',
  params: {
    filter: hasAwsCicdAnnotations,
    loader: () => import('./components/Cards').then(m => <m.DeploymentCard />),
  },
});

/**
 * The Liftoff AWS CI/CD plugin for the new frontend system.
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'aws-cicd',
  extensions: [
    awsCicdApi,
    awsCicdEntityContent,
    awsCicdPipelineCard,
    awsCicdDeploymentCard,
  ],
});
