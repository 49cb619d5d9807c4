import { screen, within } from '@testing-library/react';
import {
  checkoutWeb,
  demoEntity,
  notificationsRolledBack,
  ordersService,
  paymentsApi,
} from '../../__fixtures__/delivery';
import { mockAwsCicdApi, renderWithEntity } from '../../__testUtils__/render';
import { DeploymentCard } from './DeploymentCard';
import { PipelineCard } from './PipelineCard';

describe('overview cards', () => {
  it('PipelineCard: the latest execution stage by stage, with the decision marker', async () => {
    const api = mockAwsCicdApi(checkoutWeb());
    await renderWithEntity(<PipelineCard />, {
      api,
      entity: demoEntity('checkout-web'),
    });
    const stages = within(
      await screen.findByRole('list', { name: 'Stages of checkout-web' }),
    );
    expect(stages.getAllByRole('listitem')).toHaveLength(5);
    expect(stages.getByText('Needs your decision')).toBeInTheDocument();
    expect(stages.getByText('Transition disabled')).toBeInTheDocument();
    expect(screen.getByText('In progress')).toBeInTheDocument();
    expect(screen.getByText(/New payment method picker/)).toBeInTheDocument();
  });

  it('DeploymentCard: a canary mid-shift with its traffic and countdown', async () => {
    const api = mockAwsCicdApi(paymentsApi());
    await renderWithEntity(<DeploymentCard />, { api });
    expect(
      await screen.findByRole('meter', {
        name: 'Production traffic of payments-api-production',
      }),
    ).toHaveAttribute('aria-valuetext', '10% to version 42, 90% to version 41');
    expect(screen.getByText(/Next shift in/)).toHaveTextContent(
      'Next shift in: 3:25',
    );
  });

  it('DeploymentCard: blue/green waiting for a decision', async () => {
    const api = mockAwsCicdApi(ordersService());
    await renderWithEntity(<DeploymentCard />, {
      api,
      entity: demoEntity('orders-service'),
    });
    expect(await screen.findByText('Needs your decision')).toBeInTheDocument();
    expect(screen.getByText(/Ready wait ends in/)).toHaveTextContent(
      'Ready wait ends in: 52:05',
    );
  });

  it('DeploymentCard: why the last deployment was rolled back', async () => {
    const api = mockAwsCicdApi(notificationsRolledBack());
    await renderWithEntity(<DeploymentCard />, {
      api,
      entity: demoEntity('notifications-service'),
    });
    expect(
      await screen.findByText('Rolled back (rollback succeeded)'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'd-NOT0034LN: Stopped because alarm notifications-service-errors went into ALARM.',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText('In alarm: notifications-service-errors'),
    ).toBeInTheDocument();
  });
});
