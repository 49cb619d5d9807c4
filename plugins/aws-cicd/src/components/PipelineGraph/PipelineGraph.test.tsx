import { screen, waitFor, within } from '@testing-library/react';
import userEvent, { UserEvent } from '@testing-library/user-event';
import {
  BUILD_FAILURE,
  checkoutWeb,
  demoEntity,
  INVENTORY_EXECUTION,
  inventoryService,
  PAYMENTS_EXECUTION,
  paymentsApi,
} from '../../__fixtures__/delivery';
import { mockAwsCicdApi, renderWithEntity } from '../../__testUtils__/render';
import { AwsCicdContent } from '../AwsCicdContent';

function stage(name: string) {
  return within(screen.getByRole('listitem', { name: `Stage ${name}` }));
}

describe('PipelineGraph', () => {
  // The page refreshes itself every few seconds: on real timers a slow
  // machine sees extra refreshes and the call counts below vary. On jest's
  // clock, time moves only through testing-library's own waits (50 ms a step).
  let user: UserEvent;
  beforeEach(() => {
    jest.useFakeTimers({ now: new Date('2026-11-26T11:00:00.000Z') });
    user = userEvent.setup({ advanceTimers: jest.advanceTimersByTime });
  });

  it('shows a pipeline in progress: stages left to right, the revision flowing through, the running deployment', async () => {
    const api = mockAwsCicdApi(paymentsApi());
    await renderWithEntity(<AwsCicdContent />, { api });
    const stages = within(
      await screen.findByRole('list', {
        name: 'Stages of pipeline payments-api',
      }),
    )
      .getAllByRole('heading', { level: 3 })
      .map(h => h.textContent);
    expect(stages).toEqual(['Source', 'Build', 'Test', 'Production']);

    expect(stage('Source').getAllByText('Succeeded')).toHaveLength(2);
    expect(stage('Production').getAllByText('In progress')).toHaveLength(2);
    expect(
      stage('Production').getByText(/Running for 1 min 35 s/),
    ).toBeInTheDocument();
    expect(
      stage('Production').getByText(
        'Retry card authorisation on 502 from the acquirer',
        {
          exact: false,
        },
      ),
    ).toBeInTheDocument();
    expect(
      stage('Production').getByRole('link', { name: 'Deployment d-PAY0042CA' }),
    ).toHaveAttribute('href', '#deployment-d-PAY0042CA');
    // Test runs two actions in parallel, then one.
    expect(stage('Test').getByText('First, in parallel')).toBeInTheDocument();
    expect(stage('Test').getByText('Then')).toBeInTheDocument();
    // The running execution can be stopped: two named choices.
    await user.click(screen.getByRole('button', { name: 'Stop execution' }));
    const dialog = screen.getByRole('dialog');
    expect(
      within(dialog).getByRole('button', { name: 'Stop and wait' }),
    ).toBeInTheDocument();
    await user.click(
      within(dialog).getByRole('button', { name: 'Stop and abandon' }),
    );
    expect(
      await screen.findByText(
        'Stopping execution 7d1c2f3e; running actions are abandoned.',
      ),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(api.stopExecution).toHaveBeenCalledWith(
        'component:default/payments-api',
        'payments-api',
        PAYMENTS_EXECUTION,
        { abandon: true, reason: undefined },
      ),
    );
  });

  it('shows a failed build inline and retries the stage', async () => {
    const api = mockAwsCicdApi(inventoryService());
    await renderWithEntity(<AwsCicdContent />, {
      api,
      entity: demoEntity('inventory-service'),
    });
    await screen.findByText('Pipeline inventory-service');
    expect(stage('Build').getAllByText('Failed')).toHaveLength(2);
    expect(
      stage('Build').getByText(new RegExp(BUILD_FAILURE.replace(/[.:]/g, '.'))),
    ).toBeInTheDocument();
    expect(
      stage('Build').getByRole('link', { name: 'Build details' }),
    ).toHaveAttribute(
      'href',
      expect.stringMatching(/^#build-inventory-service-build:/),
    );
    // Later stages still show the earlier execution they hold.
    expect(stage('Test').getByText(/an earlier one/)).toBeInTheDocument();

    await user.click(
      stage('Build').getByRole('button', { name: 'Retry stage' }),
    );
    await user.click(
      within(screen.getByRole('dialog')).getByRole('button', {
        name: 'Retry failed actions',
      }),
    );
    expect(
      await screen.findByText('Retrying Build (failed actions).'),
    ).toBeInTheDocument();
    expect(api.retryStage).toHaveBeenCalledWith(
      'component:default/inventory-service',
      'inventory-service',
      'Build',
      { pipelineExecutionId: INVENTORY_EXECUTION, retryMode: 'FAILED_ACTIONS' },
    );
    // The page refreshes after the action.
    await waitFor(() => expect(api.getDelivery).toHaveBeenCalledTimes(2));
  });

  it('waits for approval: a decision marker, a disabled transition with its reason, and a review dialog', async () => {
    const api = mockAwsCicdApi(checkoutWeb());
    await renderWithEntity(<AwsCicdContent />, {
      api,
      entity: demoEntity('checkout-web'),
    });
    await screen.findByText('Pipeline checkout-web');
    expect(
      stage('Approval').getByText('Needs your decision'),
    ).toBeInTheDocument();
    expect(
      stage('Production').getByText('Transition to Production disabled'),
    ).toBeInTheDocument();
    expect(
      stage('Production').getByText('Change freeze until Monday'),
    ).toBeInTheDocument();
    expect(stage('Production').getAllByText('Not run yet')).toHaveLength(2);

    await user.click(stage('Approval').getByRole('button', { name: 'Review' }));
    const dialog = within(screen.getByRole('dialog'));
    expect(
      dialog.getByText('Check the checkout flow on staging first.'),
    ).toBeInTheDocument();
    expect(dialog.getByText(/Expires/)).toBeInTheDocument();
    // No decision without a comment.
    expect(dialog.getByRole('button', { name: 'Approve' })).toBeDisabled();
    await user.type(
      dialog.getByRole('textbox', { name: /Comment/ }),
      'Looks good on staging',
    );
    await user.click(dialog.getByRole('button', { name: 'Approve' }));
    expect(
      await screen.findByText(
        'Approved. checkout-web continues after Approval.',
      ),
    ).toBeInTheDocument();
    expect(api.approve).toHaveBeenCalledWith(
      'component:default/checkout-web',
      'checkout-web',
      {
        stageName: 'Approval',
        actionName: 'ApproveRelease',
        status: 'Approved',
        summary: 'Looks good on staging',
      },
    );
  });

  it('keeps the dialog open with the reason when a decision fails', async () => {
    const api = mockAwsCicdApi(checkoutWeb());
    api.approve.mockRejectedValue(
      new Error('The approval token expired: the action is no longer waiting.'),
    );
    await renderWithEntity(<AwsCicdContent />, {
      api,
      entity: demoEntity('checkout-web'),
    });
    await user.click(await screen.findByRole('button', { name: 'Review' }));
    const dialog = within(screen.getByRole('dialog'));
    await user.type(
      dialog.getByRole('textbox', { name: /Comment/ }),
      'Not yet',
    );
    await user.click(dialog.getByRole('button', { name: 'Reject' }));
    expect(
      await dialog.findByText(
        'That did not work: The approval token expired: the action is no longer waiting.',
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole('dialog')).toBeInTheDocument();
    expect(api.getDelivery).toHaveBeenCalledTimes(1);
  });

  it('hides every action without permission, and says who can decide', async () => {
    const api = mockAwsCicdApi(checkoutWeb());
    await renderWithEntity(<AwsCicdContent />, {
      api,
      entity: demoEntity('checkout-web'),
      allow: false,
    });
    await screen.findByText('Pipeline checkout-web');
    expect(
      stage('Approval').getByText('Waiting for someone allowed to approve.'),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Review' }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Release change' }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Stop execution' }),
    ).not.toBeInTheDocument();
  });
});
