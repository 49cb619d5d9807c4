import { Entity } from '@backstage/catalog-model';
import {
  act,
  fireEvent,
  screen,
  waitFor,
  within,
} from '@testing-library/react';
import { DeliveryResponse } from '@liftoff/plugin-aws-cicd-common';
import {
  demoEntity,
  paymentsApi,
  paymentsApiShifted,
  searchService,
} from '../../__fixtures__/delivery';
import { mockAwsCicdApi, renderWithEntity } from '../../__testUtils__/render';
import { AwsCicdContent } from './AwsCicdContent';

const bare: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'legacy-billing' },
  spec: { type: 'service', owner: 'team-payments', lifecycle: 'production' },
};

function setVisibility(state: 'visible' | 'hidden') {
  Object.defineProperty(document, 'visibilityState', {
    configurable: true,
    get: () => state,
  });
  document.dispatchEvent(new Event('visibilitychange'));
}

afterEach(() => {
  jest.useRealTimers();
  setVisibility('visible');
});

describe('AwsCicdContent', () => {
  it('shows progress, not "nothing found", while the first load runs', async () => {
    const api = mockAwsCicdApi();
    api.getDelivery.mockReturnValue(new Promise(() => {}));
    await renderWithEntity(<AwsCicdContent />, { api });
    expect(await screen.findByRole('progressbar')).toBeInTheDocument();
    expect(screen.queryByText(/no deployment/i)).not.toBeInTheDocument();
  });

  it('says exactly which annotations to add on an entity without them, and calls nothing', async () => {
    const api = mockAwsCicdApi();
    await renderWithEntity(<AwsCicdContent />, { api, entity: bare });
    expect(
      screen.getByText('No AWS CI/CD annotations on this entity'),
    ).toBeInTheDocument();
    expect(document.body.textContent).toContain(
      'aws.amazon.com/aws-codepipeline-arn: arn:aws:codepipeline:eu-west-1:123456789012:legacy-billing',
    );
    expect(api.getDelivery).not.toHaveBeenCalled();
  });

  it('explains an invalid annotation instead of calling the backend', async () => {
    const api = mockAwsCicdApi();
    const entity = demoEntity('payments-api');
    entity.metadata.annotations!['aws.amazon.com/aws-codepipeline-arn'] =
      'payments-api';
    await renderWithEntity(<AwsCicdContent />, { api, entity });
    expect(screen.getByText(/it is not an ARN/)).toBeInTheDocument();
    expect(api.getDelivery).not.toHaveBeenCalled();
  });

  it('shows the error when the page cannot be loaded at all', async () => {
    const api = mockAwsCicdApi();
    api.getDelivery.mockRejectedValue(new Error('Backend unreachable'));
    await renderWithEntity(<AwsCicdContent />, { api });
    expect(
      await screen.findByText(/Could not load the CI\/CD status/),
    ).toBeInTheDocument();
    expect(screen.getByText('Backend unreachable')).toBeInTheDocument();
  });

  it('shows a failed section with its own error while the others render', async () => {
    const value = paymentsApi();
    value.pipelines[0] = {
      name: 'payments-api',
      arn: value.pipelines[0].arn,
      error: {
        name: 'AccessDenied',
        message:
          'The role liftoff-reader may not call codepipeline:GetPipelineState. Add it to the role policy.',
      },
    };
    value.buildProjects[0] = {
      ...value.buildProjects[0],
      builds: undefined,
      error: { name: 'Throttled', message: 'Try again in a minute.' },
    };
    const api = mockAwsCicdApi(value);
    await renderWithEntity(<AwsCicdContent />, { api });
    expect(
      await screen.findByText('Pipeline payments-api: Access denied'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/may not call codepipeline:GetPipelineState/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'Builds of payments-api-build: AWS is throttling requests',
      ),
    ).toBeInTheDocument();
    // The deployment still renders.
    expect(
      screen.getByRole('meter', { name: 'Production traffic' }),
    ).toHaveAttribute('aria-valuenow', '10');
  });

  it('refreshes every few seconds while something moves, keeps the data on screen and announces the shift', async () => {
    jest.useFakeTimers();
    const api = mockAwsCicdApi();
    let next: DeliveryResponse = paymentsApi();
    api.getDelivery.mockImplementation(async () => next);
    await renderWithEntity(<AwsCicdContent />, { api });
    expect(
      await screen.findByText(
        'Updated 0 s ago, refreshing every few seconds while things move',
      ),
    ).toBeInTheDocument();
    expect(api.getDelivery).toHaveBeenCalledTimes(1);

    await act(async () => {
      jest.advanceTimersByTime(3000);
    });
    expect(screen.getByText(/Updated 3 s ago/)).toBeInTheDocument();
    expect(api.getDelivery).toHaveBeenCalledTimes(1);

    next = paymentsApiShifted();
    await act(async () => {
      jest.advanceTimersByTime(2000);
    });
    expect(api.getDelivery).toHaveBeenCalledTimes(2);
    await waitFor(() =>
      expect(
        screen.getByRole('meter', { name: 'Production traffic' }),
      ).toHaveAttribute('aria-valuenow', '100'),
    );
    expect(screen.getByRole('status')).toHaveTextContent(
      'payments-api-production: traffic shifted, 100% on the new version.',
    );
  });

  it('refreshes slowly when idle and not at all while the browser tab is hidden', async () => {
    jest.useFakeTimers();
    const api = mockAwsCicdApi(searchService());
    await renderWithEntity(<AwsCicdContent />, { api });
    await screen.findByText('Updated 0 s ago');
    await act(async () => {
      jest.advanceTimersByTime(10_000);
    });
    expect(api.getDelivery).toHaveBeenCalledTimes(1);
    await act(async () => {
      jest.advanceTimersByTime(20_000);
    });
    expect(api.getDelivery).toHaveBeenCalledTimes(2);

    act(() => setVisibility('hidden'));
    await act(async () => {
      jest.advanceTimersByTime(120_000);
    });
    expect(api.getDelivery).toHaveBeenCalledTimes(2);

    // Back in view with a refresh overdue: it loads at once.
    await act(async () => {
      setVisibility('visible');
      jest.advanceTimersByTime(0);
    });
    expect(api.getDelivery).toHaveBeenCalledTimes(3);
  });

  it('keeps the last data when a refresh fails, and says so', async () => {
    const api = mockAwsCicdApi(searchService());
    await renderWithEntity(<AwsCicdContent />, { api });
    await screen.findByText('Pipeline search-service');
    api.getDelivery.mockRejectedValueOnce(new Error('Gateway timeout'));
    fireEvent.click(screen.getByRole('button', { name: 'Refresh now' }));
    expect(
      await screen.findByText(/Could not refresh: Gateway timeout/),
    ).toBeInTheDocument();
    expect(screen.getByText('Pipeline search-service')).toBeInTheDocument();
    const group = screen.getByText('Deployments of search-service-production');
    expect(group).toBeInTheDocument();
    expect(
      within(
        screen.getByRole('table', { name: 'Recent deployments' }),
      ).getByText('d-SRC0058AO'),
    ).toBeInTheDocument();
  });
});
