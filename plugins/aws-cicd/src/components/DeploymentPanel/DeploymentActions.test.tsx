import { DeploymentView } from '@liftoff/plugin-aws-cicd-common';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { demoEntity, ordersService } from '../../__fixtures__/delivery';
import {
  mockAwsCicdApi,
  renderInDeliveryContext,
  renderWithEntity,
} from '../../__testUtils__/render';
import { AwsCicdPermissions } from '../../hooks';
import { AwsCicdContent } from '../AwsCicdContent';
import { DeploymentActions } from './DeploymentActions';

const ENTITY = 'component:default/orders-service';
const GROUP = {
  applicationName: 'orders-service',
  deploymentGroupName: 'orders-service-production',
};
const ID = 'd-ORD0018BG';

/** The orders-service blue/green deployment, with the actions given. */
async function renderActions(
  possible: Partial<DeploymentView['possibleActions']>,
  permissions?: Partial<AwsCicdPermissions>,
) {
  const group = ordersService().deploymentGroups[0].group!;
  const deployment = group.current!;
  deployment.possibleActions = {
    stop: false,
    stopAndRollback: false,
    continueReadyWait: false,
    continueTerminationWait: false,
    ...possible,
  };
  const api = mockAwsCicdApi();
  const rendered = await renderInDeliveryContext(
    <DeploymentActions group={group} deployment={deployment} />,
    { api, entityRef: ENTITY, permissions },
  );
  return { api, ...rendered };
}

async function press(button: string) {
  await userEvent.click(screen.getByRole('button', { name: button }));
  return within(screen.getByRole('dialog'));
}

const stopAny = { stop: true, stopAndRollback: true };

describe('DeploymentActions', () => {
  it('stops where it is after confirmation, naming both ways to stop', async () => {
    const { api, refresh } = await renderActions(stopAny);
    const dialog = await press('Stop…');
    expect(dialog.getByText(`Stop deployment ${ID}?`)).toBeInTheDocument();
    expect(dialog.getByText(/traffic\s+stays split/)).toBeInTheDocument();
    expect(
      dialog.getByText(/moves all\s+traffic back to the previous version/),
    ).toBeInTheDocument();
    expect(api.stopDeployment).not.toHaveBeenCalled();

    await userEvent.click(
      dialog.getByRole('button', { name: 'Stop deployment' }),
    );
    expect(
      await screen.findByText(`Stopping ${ID}. Traffic stays where it is now.`),
    ).toBeInTheDocument();
    expect(api.stopDeployment).toHaveBeenCalledTimes(1);
    expect(api.stopDeployment).toHaveBeenCalledWith(ENTITY, GROUP, ID, {
      rollback: false,
    });
    expect(refresh).toHaveBeenCalledTimes(1);
  });

  it('stops and rolls back', async () => {
    const { api } = await renderActions(stopAny);
    const dialog = await press('Stop…');
    await userEvent.click(
      dialog.getByRole('button', { name: 'Stop and roll back' }),
    );
    expect(
      await screen.findByText(
        `Stopping ${ID} and rolling back to the previous version.`,
      ),
    ).toBeInTheDocument();
    expect(api.stopDeployment).toHaveBeenCalledWith(ENTITY, GROUP, ID, {
      rollback: true,
    });
  });

  it('offers only the ways to stop that the backend allows now', async () => {
    await renderActions({ stop: true });
    const dialog = await press('Stop…');
    expect(
      dialog.getByRole('button', { name: 'Stop deployment' }),
    ).toBeEnabled();
    expect(
      dialog.queryByRole('button', { name: 'Stop and roll back' }),
    ).not.toBeInTheDocument();
    expect(dialog.queryByText(/roll back/i)).not.toBeInTheDocument();
  });

  it('reroutes production traffic at the ready wait after confirmation', async () => {
    const { api, refresh } = await renderActions({ continueReadyWait: true });
    const dialog = await press('Reroute traffic now');
    expect(
      dialog.getByText(
        'Reroute production traffic to the replacement of orders-service-production?',
      ),
    ).toBeInTheDocument();
    await userEvent.click(
      dialog.getByRole('button', { name: 'Reroute traffic now' }),
    );
    expect(
      await screen.findByText(
        'Rerouting production traffic to the replacement task set.',
      ),
    ).toBeInTheDocument();
    expect(api.continueDeployment).toHaveBeenCalledWith(ENTITY, GROUP, ID, {
      waitType: 'READY_WAIT',
    });
    expect(refresh).toHaveBeenCalledTimes(1);
  });

  it('terminates the original task set at the termination wait after confirmation', async () => {
    const { api } = await renderActions({ continueTerminationWait: true });
    expect(
      screen.queryByRole('button', { name: 'Reroute traffic now' }),
    ).not.toBeInTheDocument();
    const dialog = await press('Terminate original now');
    expect(
      dialog.getByText(/a rollback\s+needs a new deployment/),
    ).toBeInTheDocument();
    await userEvent.click(
      dialog.getByRole('button', { name: 'Terminate original now' }),
    );
    expect(
      await screen.findByText(
        'Terminating the original task set; the deployment finishes.',
      ),
    ).toBeInTheDocument();
    expect(api.continueDeployment).toHaveBeenCalledWith(ENTITY, GROUP, ID, {
      waitType: 'TERMINATION_WAIT',
    });
  });

  it('says why a stop failed and keeps the dialog open, without refreshing', async () => {
    const { api, refresh } = await renderActions(stopAny);
    api.stopDeployment.mockRejectedValue(
      new Error('Deployment d-ORD0018BG has already finished.'),
    );
    const dialog = await press('Stop…');
    await userEvent.click(
      dialog.getByRole('button', { name: 'Stop deployment' }),
    );
    expect(
      await dialog.findByText(
        'That did not work: Deployment d-ORD0018BG has already finished.',
      ),
    ).toBeInTheDocument();
    expect(refresh).not.toHaveBeenCalled();
  });

  it('shows each action only with its own permission', async () => {
    const all = { ...stopAny, continueReadyWait: true };
    const { unmount } = await renderActions(all, { stopDeployment: false });
    expect(
      screen.queryByRole('button', { name: 'Stop…' }),
    ).not.toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Reroute traffic now' }),
    ).toBeInTheDocument();
    unmount();

    await renderActions(all, { continueDeployment: false });
    expect(screen.getByRole('button', { name: 'Stop…' })).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Reroute traffic now' }),
    ).not.toBeInTheDocument();
  });

  it('shows nothing when nothing is allowed or nothing can be done', async () => {
    const denied = await renderActions(
      { ...stopAny, continueReadyWait: true },
      { stopDeployment: false, continueDeployment: false },
    );
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
    denied.unmount();

    await renderActions({});
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
  });

  it.each([
    ['aws-cicd.deployment.stop', 'Reroute traffic now', 'Stop…'],
    ['aws-cicd.deployment.continue', 'Stop…', 'Reroute traffic now'],
  ])(
    'on the page, without %s: %s is offered, %s is not',
    async (denied, shown, hidden) => {
      const api = mockAwsCicdApi(ordersService());
      await renderWithEntity(<AwsCicdContent />, {
        api,
        entity: demoEntity('orders-service'),
        allow: name => name !== denied,
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
