import { DeliveryResponse } from '@liftoff/plugin-aws-cicd-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  checkoutWeb,
  demoEntity,
  INVENTORY_EXECUTION,
  inventoryService,
  PAYMENTS_EXECUTION,
  paymentsApi,
} from '../../__fixtures__/delivery';
import {
  mockAwsCicdApi,
  renderInDeliveryContext,
  renderWithEntity,
} from '../../__testUtils__/render';
import { AwsCicdContent } from '../AwsCicdContent';
import {
  ApprovalButton,
  canStop,
  RetryStageButton,
  StartExecutionButton,
  StopExecutionButton,
} from '.';

const ENTITY = 'component:default/payments-api';

function pipelineOf(delivery: DeliveryResponse) {
  return delivery.pipelines[0].pipeline!;
}

async function press(button: string) {
  await userEvent.click(screen.getByRole('button', { name: button }));
  return within(screen.getByRole('dialog'));
}

/** Types at once (a paste): key by key is slow and adds nothing here. */
async function typeInto(field: HTMLElement, text: string) {
  await userEvent.click(field);
  await userEvent.paste(text);
}

async function dialogClosed() {
  await waitFor(() =>
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
  );
}

describe('ApprovalButton', () => {
  async function renderApproval() {
    const stage = pipelineOf(checkoutWeb()).stages.find(
      s => s.name === 'Approval',
    )!;
    const api = mockAwsCicdApi();
    const rendered = await renderInDeliveryContext(
      <ApprovalButton
        pipelineName="checkout-web"
        stageName={stage.name}
        action={stage.actions[0]}
      />,
      { api, entityRef: ENTITY },
    );
    return { api, ...rendered };
  }

  it('shows what to review and wants a comment before either decision', async () => {
    const { api } = await renderApproval();
    const dialog = await press('Review');
    expect(
      dialog.getByText('Check the checkout flow on staging first.'),
    ).toBeInTheDocument();
    expect(
      dialog.getByRole('link', { name: /staging\.checkout\.example\.com/ }),
    ).toHaveAttribute('href', 'https://staging.checkout.example.com');
    expect(dialog.getByRole('button', { name: 'Approve' })).toBeDisabled();
    expect(dialog.getByRole('button', { name: 'Reject' })).toBeDisabled();

    // Blanks are not a comment.
    await typeInto(dialog.getByLabelText(/Comment/), '   ');
    expect(dialog.getByRole('button', { name: 'Approve' })).toBeDisabled();
    expect(api.approve).not.toHaveBeenCalled();
  });

  it('approves with the trimmed comment and says the pipeline continues', async () => {
    const { api, refresh } = await renderApproval();
    const dialog = await press('Review');
    await typeInto(dialog.getByLabelText(/Comment/), '  Looks good  ');
    await userEvent.click(dialog.getByRole('button', { name: 'Approve' }));
    expect(
      await screen.findByText(
        'Approved. checkout-web continues after Approval.',
      ),
    ).toBeInTheDocument();
    expect(api.approve).toHaveBeenCalledWith(ENTITY, 'checkout-web', {
      stageName: 'Approval',
      actionName: 'ApproveRelease',
      status: 'Approved',
      summary: 'Looks good',
    });
    expect(refresh).toHaveBeenCalledTimes(1);
  });

  it('rejects, and starts the next review with an empty comment', async () => {
    const { api } = await renderApproval();
    let dialog = await press('Review');
    await typeInto(dialog.getByLabelText(/Comment/), 'Broken on Safari');
    await userEvent.click(dialog.getByRole('button', { name: 'Reject' }));
    expect(
      await screen.findByText(
        'Rejected. The Approval stage fails and the change stops here.',
      ),
    ).toBeInTheDocument();
    expect(api.approve).toHaveBeenCalledWith(
      ENTITY,
      'checkout-web',
      expect.objectContaining({
        status: 'Rejected',
        summary: 'Broken on Safari',
      }),
    );
    await dialogClosed();

    dialog = await press('Review');
    expect(dialog.getByLabelText(/Comment/)).toHaveValue('');
    expect(dialog.getByRole('button', { name: 'Reject' })).toBeDisabled();
  });
});

describe('RetryStageButton', () => {
  it.each([
    [
      'Retry failed actions',
      'FAILED_ACTIONS',
      'Retrying Build (failed actions).',
    ],
    ['Retry all actions', 'ALL_ACTIONS', 'Retrying Build (all actions).'],
  ])(
    '%s: retries the failed execution’s stage in that mode',
    async (choice, retryMode, message) => {
      const stage = pipelineOf(inventoryService()).stages.find(
        s => s.retryable,
      )!;
      const api = mockAwsCicdApi();
      await renderInDeliveryContext(
        <RetryStageButton pipelineName="inventory-service" stage={stage} />,
        { api, entityRef: ENTITY },
      );
      const dialog = await press('Retry stage');
      await userEvent.click(dialog.getByRole('button', { name: choice }));
      expect(await screen.findByText(message)).toBeInTheDocument();
      expect(api.retryStage).toHaveBeenCalledWith(
        ENTITY,
        'inventory-service',
        'Build',
        { pipelineExecutionId: INVENTORY_EXECUTION, retryMode },
      );
    },
  );
});

describe('StartExecutionButton', () => {
  it('starts after confirmation and names the new execution', async () => {
    const api = mockAwsCicdApi();
    await renderInDeliveryContext(
      <StartExecutionButton pipelineName="payments-api" />,
      { api, entityRef: ENTITY },
    );
    const dialog = await press('Release change');
    expect(api.startExecution).not.toHaveBeenCalled();
    await userEvent.click(
      dialog.getByRole('button', { name: 'Release change' }),
    );
    expect(
      await screen.findByText('Started execution b2c3d4e5.'),
    ).toBeInTheDocument();
    expect(api.startExecution).toHaveBeenCalledWith(ENTITY, 'payments-api', {
      clientRequestToken: expect.any(String),
    });
  });

  it('sends one token per dialog: a second press does not start a second execution', async () => {
    const api = mockAwsCicdApi();
    api.startExecution.mockRejectedValueOnce(new Error('Network error'));
    await renderInDeliveryContext(
      <StartExecutionButton pipelineName="payments-api" />,
      { api, entityRef: ENTITY },
    );
    const dialog = await press('Release change');
    const confirm = dialog.getByRole('button', { name: 'Release change' });
    await userEvent.click(confirm);
    await dialog.findByText('That did not work: Network error');
    await userEvent.click(confirm);
    await dialogClosed();
    const [first, second] = api.startExecution.mock.calls.map(
      c => c[2].clientRequestToken,
    );
    expect(first).toBeTruthy();
    expect(second).toBe(first);

    // A new dialog is a new release.
    await userEvent.click(
      (await press('Release change')).getByRole('button', {
        name: 'Release change',
      }),
    );
    await dialogClosed();
    expect(api.startExecution.mock.calls[2][2].clientRequestToken).not.toBe(
      first,
    );
  });
});

describe('StopExecutionButton', () => {
  async function renderStop() {
    const api = mockAwsCicdApi();
    await renderInDeliveryContext(
      <StopExecutionButton
        pipelineName="payments-api"
        executionId={PAYMENTS_EXECUTION}
      />,
      { api, entityRef: ENTITY },
    );
    return api;
  }

  it('stops and waits for running actions, without a reason when none is given', async () => {
    const api = await renderStop();
    const dialog = await press('Stop execution');
    expect(
      dialog.getByText('Stop execution 7d1c2f3e of payments-api?'),
    ).toBeInTheDocument();
    await userEvent.click(
      dialog.getByRole('button', { name: 'Stop and wait' }),
    );
    expect(
      await screen.findByText(
        'Stopping execution 7d1c2f3e once its running actions finish.',
      ),
    ).toBeInTheDocument();
    expect(api.stopExecution).toHaveBeenCalledWith(
      ENTITY,
      'payments-api',
      PAYMENTS_EXECUTION,
      { abandon: false, reason: undefined },
    );
  });

  it('abandons running actions, with the reason given', async () => {
    const api = await renderStop();
    const dialog = await press('Stop execution');
    await typeInto(
      dialog.getByLabelText('Reason (optional)'),
      '  wrong branch ',
    );
    await userEvent.click(
      dialog.getByRole('button', { name: 'Stop and abandon' }),
    );
    expect(
      await screen.findByText(
        'Stopping execution 7d1c2f3e; running actions are abandoned.',
      ),
    ).toBeInTheDocument();
    expect(api.stopExecution).toHaveBeenCalledWith(
      ENTITY,
      'payments-api',
      PAYMENTS_EXECUTION,
      { abandon: true, reason: 'wrong branch' },
    );
  });
});

describe('canStop', () => {
  it('is true only while the latest execution runs', () => {
    const running = pipelineOf(paymentsApi());
    expect(canStop(running)).toBe(true);
    expect(
      canStop({
        ...running,
        latestExecution: { ...running.latestExecution!, status: 'Succeeded' },
      }),
    ).toBe(false);
    expect(canStop({ ...running, latestExecution: undefined })).toBe(false);
  });
});

const fixtures: Record<string, () => DeliveryResponse> = {
  'payments-api': paymentsApi,
  'checkout-web': checkoutWeb,
  'inventory-service': inventoryService,
};

describe('pipeline actions on the page', () => {
  it.each([
    [
      'payments-api',
      'aws-cicd.pipeline.start',
      'Stop execution',
      'Release change',
    ],
    [
      'payments-api',
      'aws-cicd.pipeline.stop',
      'Release change',
      'Stop execution',
    ],
    ['checkout-web', 'aws-cicd.pipeline.approval', 'Release change', 'Review'],
    [
      'inventory-service',
      'aws-cicd.pipeline.retry-stage',
      'Release change',
      'Retry stage',
    ],
  ])(
    '%s without %s: %s is offered, %s is not',
    async (service, denied, shown, hidden) => {
      const delivery = fixtures[service]();
      const api = mockAwsCicdApi(delivery);
      await renderWithEntity(<AwsCicdContent />, {
        api,
        entity: demoEntity(service),
        allow: permission => permission !== denied,
      });
      expect(
        await screen.findByRole('button', { name: shown }),
      ).toBeInTheDocument();
      expect(
        screen.queryByRole('button', { name: hidden }),
      ).not.toBeInTheDocument();
    },
  );
});
