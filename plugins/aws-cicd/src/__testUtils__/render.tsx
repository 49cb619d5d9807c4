import { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { DeliveryResponse } from '@liftoff/plugin-aws-cicd-common';
import { ReactElement } from 'react';
import { AwsCicdApi, awsCicdApiRef } from '../api';
import { demoEntity } from '../__fixtures__/delivery';

export type MockAwsCicdApi = jest.Mocked<AwsCicdApi>;

/** An API mock: the delivery given, empty history, every write resolving. */
export function mockAwsCicdApi(delivery?: DeliveryResponse): MockAwsCicdApi {
  const impl: AwsCicdApi = {
    getDelivery: async () => {
      if (!delivery) throw new Error('no delivery fixture');
      return delivery;
    },
    getExecutions: async () => ({ executions: [] }),
    getActionExecutions: async (_e, _p, id) => ({
      pipelineExecutionId: id,
      actionExecutions: [],
    }),
    getBuilds: async () => ({ builds: [] }),
    approve: async (_e, pipeline) => ({ name: pipeline, arn: pipeline }),
    retryStage: async (_e, pipeline) => ({ name: pipeline, arn: pipeline }),
    startExecution: async (_e, pipeline) => ({
      pipelineExecutionId: 'b2c3d4e5-0000-4000-8000-000000000000',
      pipeline: { name: pipeline, arn: pipeline },
    }),
    stopExecution: async (_e, pipeline) => ({ name: pipeline, arn: pipeline }),
    stopDeployment: async (_e, g) => ({ ...g, arn: g.deploymentGroupName }),
    continueDeployment: async (_e, g) => ({ ...g, arn: g.deploymentGroupName }),
  };
  return Object.fromEntries(
    Object.entries(impl).map(([name, fn]) => [name, jest.fn(fn)]),
  ) as unknown as MockAwsCicdApi;
}

export interface RenderOptions {
  api: MockAwsCicdApi;
  entity?: Entity;
  /** Whether every Liftoff permission is granted (default true). */
  allow?: boolean;
}

/** Renders `ui` inside an entity page with the API mocked at its own ref. */
export function renderWithEntity(ui: ReactElement, options: RenderOptions) {
  const entity = options.entity ?? demoEntity('payments-api');
  const permission = mockApis.permission({
    authorize:
      options.allow === false ? AuthorizeResult.DENY : AuthorizeResult.ALLOW,
  });
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [awsCicdApiRef, options.api],
        [permissionApiRef, permission],
      ]}
    >
      <EntityProvider entity={entity}>{ui}</EntityProvider>
    </TestApiProvider>,
  );
}
