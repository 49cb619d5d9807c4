import { Entity } from '@backstage/catalog-model';
import { AlertDisplay } from '@backstage/core-components';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { DeliveryResponse } from '@liftoff/plugin-aws-cicd-common';
import {
  AlertApi,
  AlertMessage,
  alertApiRef,
} from '@backstage/core-plugin-api';
import { RenderResult } from '@testing-library/react';
import { ReactElement } from 'react';
import { SWRConfig } from 'swr';
import { AwsCicdApi, awsCicdApiRef } from '../api';
import { AwsCicdPermissions, DeliveryContextProvider } from '../hooks';
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

/**
 * An alert API of the test's own: the test app's default is one forwarder
 * for the whole file, so an alert posted as one test ends would show in the
 * next.
 */
function createAlertApi(): AlertApi {
  const subscribers = new Set<(message: AlertMessage) => void>();
  const observable = {
    subscribe(
      observer: ((m: AlertMessage) => void) | { next(m: AlertMessage): void },
    ) {
      const next =
        typeof observer === 'function'
          ? observer
          : (m: AlertMessage) => observer.next(m);
      subscribers.add(next);
      return {
        get closed() {
          return !subscribers.has(next);
        },
        unsubscribe() {
          subscribers.delete(next);
        },
      };
    },
    [Symbol.observable ?? '@@observable']() {
      return this;
    },
  };
  return {
    post: message => subscribers.forEach(s => s(message)),
    alert$: () => observable as unknown as ReturnType<AlertApi['alert$']>,
  };
}

export interface RenderOptions {
  api: MockAwsCicdApi;
  entity?: Entity;
  /**
   * Whether every Liftoff permission is granted (default true), or which:
   * called with each permission's name (`aws-cicd.deployment.stop`).
   */
  allow?: boolean | ((permissionName: string) => boolean);
}

/**
 * Renders `ui` inside an entity page with the API mocked at its own ref, and
 * the app's alert snackbar (where action outcomes show).
 */
export function renderWithEntity(ui: ReactElement, options: RenderOptions) {
  const entity = options.entity ?? demoEntity('payments-api');
  const { allow = true } = options;
  const decide = (name: string) =>
    (typeof allow === 'function' ? allow(name) : allow)
      ? AuthorizeResult.ALLOW
      : AuthorizeResult.DENY;
  const permission = mockApis.permission({
    authorize: request => decide(request.permission.name),
  });
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [awsCicdApiRef, options.api],
        [permissionApiRef, permission],
        [alertApiRef, createAlertApi()],
      ]}
    >
      {/* usePermission caches answers in SWR: a fresh cache per test. */}
      <SWRConfig value={{ provider: () => new Map() }}>
        <AlertDisplay />
        <EntityProvider entity={entity}>{ui}</EntityProvider>
      </SWRConfig>
    </TestApiProvider>,
  );
}

export interface ContextRenderOptions {
  api: MockAwsCicdApi;
  entityRef?: string;
  /** What the user may do (default: everything). */
  permissions?: Partial<AwsCicdPermissions>;
  /** The page's refresh (default: a mock that resolves). */
  refresh?: jest.Mock<Promise<void>, []>;
}

/**
 * Renders one part of the page on its own, inside the context the page
 * gives it (entity, permissions, refresh), with the app's alert snackbar.
 * Returns the refresh mock, to see that an action asks for fresh data.
 */
export async function renderInDeliveryContext(
  ui: ReactElement,
  options: ContextRenderOptions,
): Promise<RenderResult & { refresh: jest.Mock<Promise<void>, []> }> {
  const refresh =
    options.refresh ?? jest.fn<Promise<void>, []>(async () => undefined);
  const permissions: AwsCicdPermissions = {
    approve: true,
    retryStage: true,
    startExecution: true,
    stopExecution: true,
    stopDeployment: true,
    continueDeployment: true,
    ...options.permissions,
  };
  const result = await renderInTestApp(
    <TestApiProvider
      apis={[
        [awsCicdApiRef, options.api],
        [alertApiRef, createAlertApi()],
      ]}
    >
      <AlertDisplay />
      <DeliveryContextProvider
        value={{
          entityRef: options.entityRef ?? 'component:default/payments-api',
          refresh,
          permissions,
        }}
      >
        {ui}
      </DeliveryContextProvider>
    </TestApiProvider>,
  );
  return { ...result, refresh };
}
