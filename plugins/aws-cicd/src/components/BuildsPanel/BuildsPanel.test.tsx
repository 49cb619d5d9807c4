import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  BUILD_FAILURE,
  demoEntity,
  inventoryService,
  paymentsApi,
} from '../../__fixtures__/delivery';
import { mockAwsCicdApi, renderWithEntity } from '../../__testUtils__/render';
import { AwsCicdContent } from '../AwsCicdContent';

describe('BuildsPanel', () => {
  it('opens a failed build on its phases, with the failed phase’s message and the logs', async () => {
    const api = mockAwsCicdApi(inventoryService());
    await renderWithEntity(<AwsCicdContent />, {
      api,
      entity: demoEntity('inventory-service'),
    });
    const builds = await screen.findByRole('table', {
      name: 'Builds of inventory-service-build',
    });
    expect(
      within(builds).getByRole('link', { name: /^Build #64/ }),
    ).toBeInTheDocument();
    expect(within(builds).getByRole('link', { name: /^Logs/ })).toHaveAttribute(
      'href',
      expect.stringContaining('/cloudwatch/home#logsV2:log-groups'),
    );
    const phases = within(
      screen.getByRole('list', { name: 'Phases of build 64' }),
    );
    const rows = phases.getAllByRole('listitem');
    expect(rows.map(r => r.firstChild?.textContent)).toEqual([
      'Submitted',
      'Queued',
      'Provisioning',
      'Download source',
      'Install',
      'Pre build',
      'Build',
      'Finalizing',
    ]);
    const build = rows[6];
    expect(within(build).getByText('Failed')).toBeInTheDocument();
    expect(within(build).getByText('1 min 14 s')).toBeInTheDocument();
    expect(
      within(build).getByText(`${BUILD_FAILURE} (COMMAND_EXECUTION_ERROR)`),
    ).toBeInTheDocument();
  });

  it('loads older builds with the page token', async () => {
    const api = mockAwsCicdApi(paymentsApi());
    const older = inventoryService().buildProjects[0].builds![0];
    api.getBuilds.mockResolvedValue({
      builds: [{ ...older, id: 'payments-api-build:older', buildNumber: 127 }],
    });
    await renderWithEntity(<AwsCicdContent />, { api });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Load older builds' }),
    );
    expect(
      await screen.findByRole('link', { name: /^Build #127/ }),
    ).toBeInTheDocument();
    expect(api.getBuilds).toHaveBeenCalledWith(
      'component:default/payments-api',
      'payments-api-build',
      'page-2',
    );
    await waitFor(() =>
      expect(
        screen.queryByRole('button', { name: 'Load older builds' }),
      ).not.toBeInTheDocument(),
    );
  });
});
