import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ResponseError } from '@backstage/errors';
import {
  demoEntity,
  notificationsLinear,
  notificationsRolledBack,
  notificationsRollingBack,
  ordersService,
  ordersServiceRerouted,
  paymentsApi,
} from '../../__fixtures__/delivery';
import { mockAwsCicdApi, renderWithEntity } from '../../__testUtils__/render';
import { AwsCicdContent } from '../AwsCicdContent';

function steps(name: string) {
  return within(screen.getByRole('list', { name }));
}

afterEach(() => jest.useRealTimers());

describe('DeploymentGroupPanel', () => {
  it('shows a canary mid-shift: the traffic split, the plan, and a countdown to the next shift', async () => {
    jest.useFakeTimers();
    const api = mockAwsCicdApi(paymentsApi());
    await renderWithEntity(<AwsCicdContent />, { api });
    const meter = await screen.findByRole('meter', {
      name: 'Production traffic',
    });
    expect(meter).toHaveAttribute('aria-valuenow', '10');
    expect(meter).toHaveAttribute(
      'aria-valuetext',
      '10% to version 42, 90% to version 41',
    );
    expect(
      screen.getByText(
        'CodeDeployDefault.LambdaCanary10Percent5Minutes: 10% now, 100% after 5 min',
      ),
    ).toBeInTheDocument();
    const plan = steps('Traffic shifting steps');
    const [first, second] = plan.getAllByRole('listitem');
    expect(first).toHaveAttribute('aria-current', 'step');
    expect(
      within(first).getByText('1. Shift 10% at the start'),
    ).toBeInTheDocument();
    expect(
      within(second).getByText('2. Shift to 100% after 5 min'),
    ).toBeInTheDocument();
    expect(within(second).getByText('3:25')).toBeInTheDocument();

    // Counts down locally between refreshes.
    await act(async () => {
      jest.advanceTimersByTime(4000);
    });
    expect(within(second).getByText('3:21')).toBeInTheDocument();

    // Hooks and alarms with their state in words.
    const hooks = within(
      screen.getByRole('table', { name: 'Lifecycle hooks' }),
    );
    expect(hooks.getByText('AllowTraffic')).toBeInTheDocument();
    expect(hooks.getAllByText('Pending')).toHaveLength(1);
    const alarms = within(
      screen.getByRole('table', { name: 'Rollback alarms' }),
    );
    expect(alarms.getAllByText('OK')).toHaveLength(2);
    expect(alarms.getByText('Insufficient data')).toBeInTheDocument();
  });

  it('re-syncs the countdown from the server on each refresh', async () => {
    jest.useFakeTimers();
    const first = paymentsApi();
    const later = paymentsApi();
    later.deploymentGroups[0].group!.current!.nextShiftInSeconds = 190;
    const api = mockAwsCicdApi();
    api.getDelivery.mockResolvedValueOnce(first).mockResolvedValue(later);
    await renderWithEntity(<AwsCicdContent />, { api });
    const plan = await screen.findByRole('list', {
      name: 'Traffic shifting steps',
    });
    expect(within(plan).getByText('3:25')).toBeInTheDocument();
    await act(async () => {
      jest.advanceTimersByTime(5000);
    });
    await waitFor(() => expect(api.getDelivery).toHaveBeenCalledTimes(2));
    expect(within(plan).getByText('3:10')).toBeInTheDocument();
  });

  it('shows a linear shift: the step reached and the ones still to come', async () => {
    const api = mockAwsCicdApi(notificationsLinear());
    await renderWithEntity(<AwsCicdContent />, {
      api,
      entity: demoEntity('notifications-service'),
    });
    const meter = await screen.findByRole('meter', {
      name: 'Production traffic',
    });
    expect(meter).toHaveAttribute(
      'aria-valuetext',
      '30% to version 34, 70% to version 33',
    );
    const items = steps('Traffic shifting steps').getAllByRole('listitem');
    expect(items).toHaveLength(10);
    expect(within(items[1]).getByText('Done')).toBeInTheDocument();
    expect(items[2]).toHaveAttribute('aria-current', 'step');
    expect(
      within(items[2]).getByText('3. Shift to 30% after 2 min'),
    ).toBeInTheDocument();
    expect(
      within(items[3]).getByText('Next shift in:', { exact: false }),
    ).toHaveTextContent('Next shift in: 0:42');
    expect(within(items[4]).getByText('Later')).toBeInTheDocument();
  });

  it('shows ECS blue/green waiting: task sets, test traffic, the ready wait and the decision', async () => {
    jest.useFakeTimers();
    const api = mockAwsCicdApi(ordersService());
    await renderWithEntity(<AwsCicdContent />, {
      api,
      entity: demoEntity('orders-service'),
    });
    const meter = await screen.findByRole('meter', {
      name: 'Production traffic',
    });
    expect(meter).toHaveAttribute(
      'aria-valuetext',
      '0% to Green (replacement), 100% to Blue (original)',
    );
    // Said once in the header, once in the recent deployments.
    expect(screen.getAllByText('Ready: needs your decision')).toHaveLength(2);
    expect(screen.getByText('Test traffic: to Green')).toBeInTheDocument();
    const sets = within(screen.getByRole('table', { name: 'Task sets' }));
    expect(sets.getByText('Blue (original)')).toBeInTheDocument();
    expect(sets.getByText('Green (replacement)')).toBeInTheDocument();
    expect(
      screen.getByText(
        /If nobody continues before the wait ends, the deployment stops/,
      ),
    ).toBeInTheDocument();
    const current = steps('Blue/green steps')
      .getAllByRole('listitem')
      .find(li => li.getAttribute('aria-current') === 'step')!;
    expect(
      within(current).getByText('3. Wait until ready'),
    ).toBeInTheDocument();
    expect(current).toHaveTextContent('Ready wait ends in: 52:05');
    await act(async () => {
      jest.advanceTimersByTime(4000);
    });
    expect(current).toHaveTextContent('Ready wait ends in: 52:01');
  });

  it('keeps a rerouted blue/green deployment on the reroute step until its traffic hooks pass', async () => {
    const api = mockAwsCicdApi(ordersServiceRerouted());
    await renderWithEntity(<AwsCicdContent />, {
      api,
      entity: demoEntity('orders-service'),
    });
    expect(
      await screen.findByRole('meter', { name: 'Production traffic' }),
    ).toHaveAttribute('aria-valuenow', '100');
    const items = steps('Blue/green steps').getAllByRole('listitem');
    expect(items[3]).toHaveAttribute('aria-current', 'step');
    expect(
      within(items[3]).getByText('4. Reroute production traffic'),
    ).toBeInTheDocument();
    expect(
      within(items[4]).getByText('5. Wait before terminating the original'),
    ).toBeInTheDocument();
    expect(within(items[4]).getByText('Next')).toBeInTheDocument();
    expect(within(items[5]).getByText('Later')).toBeInTheDocument();
  });

  it('continues a blue/green deployment after confirmation, then refreshes', async () => {
    const api = mockAwsCicdApi(ordersService());
    await renderWithEntity(<AwsCicdContent />, {
      api,
      entity: demoEntity('orders-service'),
    });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Reroute traffic now' }),
    );
    const dialog = within(screen.getByRole('dialog'));
    expect(dialog.getByText(/so you can still roll back/)).toBeInTheDocument();
    await userEvent.click(
      dialog.getByRole('button', { name: 'Reroute traffic now' }),
    );
    expect(
      await screen.findByText(
        'Rerouting production traffic to the replacement task set.',
      ),
    ).toBeInTheDocument();
    expect(api.continueDeployment).toHaveBeenCalledWith(
      'component:default/orders-service',
      {
        applicationName: 'orders-service',
        deploymentGroupName: 'orders-service-production',
      },
      'd-ORD0018BG',
      { waitType: 'READY_WAIT' },
    );
    await waitFor(() => expect(api.getDelivery).toHaveBeenCalledTimes(2));
  });

  it('says why an action failed, in the server’s words, and keeps the dialog open', async () => {
    const api = mockAwsCicdApi(paymentsApi());
    api.stopDeployment.mockRejectedValue(
      await ResponseError.fromResponse(
        new Response(
          JSON.stringify({
            error: {
              name: 'ConflictError',
              message: 'Deployment d-PAY0042CA has already finished.',
            },
            response: { statusCode: 409 },
          }),
          { status: 409, headers: { 'Content-Type': 'application/json' } },
        ),
      ),
    );
    await renderWithEntity(<AwsCicdContent />, { api });
    await userEvent.click(await screen.findByRole('button', { name: 'Stop…' }));
    const dialog = within(screen.getByRole('dialog'));
    await userEvent.click(
      dialog.getByRole('button', { name: 'Stop and roll back' }),
    );
    expect(
      await dialog.findByText(
        'That did not work: Deployment d-PAY0042CA has already finished.',
      ),
    ).toBeInTheDocument();
    expect(api.stopDeployment).toHaveBeenCalledWith(
      'component:default/payments-api',
      {
        applicationName: 'payments-api',
        deploymentGroupName: 'payments-api-production',
      },
      'd-PAY0042CA',
      { rollback: true },
    );
    expect(api.getDelivery).toHaveBeenCalledTimes(1);
  });

  it('stops a canary and rolls back: both choices named, a success message after', async () => {
    const api = mockAwsCicdApi(paymentsApi());
    await renderWithEntity(<AwsCicdContent />, { api });
    await userEvent.click(await screen.findByRole('button', { name: 'Stop…' }));
    const dialog = within(screen.getByRole('dialog'));
    expect(
      dialog.getByRole('button', { name: 'Stop deployment' }),
    ).toBeEnabled();
    await userEvent.click(
      dialog.getByRole('button', { name: 'Stop and roll back' }),
    );
    expect(
      await screen.findByText(
        'Stopping d-PAY0042CA and rolling back to the previous version.',
      ),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
  });

  it('shows a running rollback as traffic going back at once, not as the canary plan', async () => {
    const api = mockAwsCicdApi(notificationsRollingBack());
    await renderWithEntity(<AwsCicdContent />, {
      api,
      entity: demoEntity('notifications-service'),
    });
    expect(
      await screen.findByText('Deployment d-NOT0035RB is a rollback'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('meter', { name: 'Production traffic' }),
    ).toHaveAttribute('aria-valuenow', '100');
    expect(screen.getByText('Restoring version 33: 100%')).toBeInTheDocument();
    expect(screen.getByText('Rolled back version 34: 0%')).toBeInTheDocument();
    expect(screen.queryByText('Traffic shifting')).not.toBeInTheDocument();
    expect(
      screen.queryByText(/The deployment configuration wants/),
    ).not.toBeInTheDocument();
  });

  it('explains a deployment rolled back after an alarm, and links the pair both ways', async () => {
    const api = mockAwsCicdApi(notificationsRolledBack());
    await renderWithEntity(<AwsCicdContent />, {
      api,
      entity: demoEntity('notifications-service'),
    });
    expect(
      await screen.findByText('Deployment d-NOT0035RB is a rollback'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'd-NOT0034LN: Stopped because alarm notifications-service-errors went into ALARM.',
      ),
    ).toBeInTheDocument();
    const recent = within(
      screen.getByRole('table', { name: 'Recent deployments' }),
    );
    expect(
      recent.getByText('Rolled back (rollback succeeded)'),
    ).toBeInTheDocument();
    expect(recent.getByText('Stopped, rolled back')).toBeInTheDocument();
    expect(recent.getByRole('link', { name: 'd-NOT0035RB' })).toHaveAttribute(
      'href',
      '#deployment-d-NOT0035RB',
    );
    expect(recent.getByRole('link', { name: 'd-NOT0034LN' })).toHaveAttribute(
      'href',
      '#deployment-d-NOT0034LN',
    );
    const alarms = within(
      screen.getByRole('table', { name: 'Rollback alarms' }),
    );
    expect(alarms.getByText('In alarm')).toBeInTheDocument();
    expect(
      alarms.getByText(/Threshold Crossed: 1 datapoint \[14.0\]/),
    ).toBeInTheDocument();
    // Nothing to stop or continue now.
    expect(
      screen.queryByRole('button', { name: 'Stop…' }),
    ).not.toBeInTheDocument();
  });

  it('hides the deployment actions without permission', async () => {
    const api = mockAwsCicdApi(ordersService());
    await renderWithEntity(<AwsCicdContent />, {
      api,
      entity: demoEntity('orders-service'),
      allow: false,
    });
    expect(
      await screen.findAllByText('Ready: needs your decision'),
    ).toHaveLength(2);
    expect(
      screen.queryByRole('button', { name: 'Reroute traffic now' }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Stop…' }),
    ).not.toBeInTheDocument();
  });
});
