import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  demoEntity,
  executionsPage,
  searchService,
} from '../../__fixtures__/delivery';
import { mockAwsCicdApi, renderWithEntity } from '../../__testUtils__/render';
import { SLOW_REFRESH_MS } from '../../hooks/useDelivery';
import { AwsCicdContent } from '../AwsCicdContent';

/** searchService() with its first history page in the pipeline section. */
function withHistory(from: number, count: number, nextPageToken?: string) {
  const value = searchService();
  value.pipelines[0].history = executionsPage(
    'search-service',
    from,
    count,
    nextPageToken,
  );
  return value;
}

afterEach(() => {
  jest.useRealTimers();
});

describe('ExecutionHistory', () => {
  it('pages through executions and expands a row into its actions', async () => {
    const api = mockAwsCicdApi(searchService());
    api.getExecutions.mockImplementation(async (_e, _p, pageToken) =>
      pageToken === 'page-2'
        ? executionsPage('search-service', 6, 2)
        : executionsPage('search-service', 1, 5, 'page-2'),
    );
    api.getActionExecutions.mockResolvedValue({
      pipelineExecutionId: '00000003-aaaa-4bbb-8ccc-dddddddddddd',
      actionExecutions: [
        {
          actionExecutionId: 'ae-1',
          stageName: 'Build',
          actionName: 'Build',
          status: 'Failed',
          durationSeconds: 139,
          provider: 'CodeBuild',
          errorDetails: { message: 'Build terminated with state: FAILED' },
          externalExecutionUrl:
            'https://eu-west-1.console.aws.amazon.com/codesuite/codebuild/x',
        },
      ],
    });
    await renderWithEntity(<AwsCicdContent />, {
      api,
      entity: demoEntity('search-service'),
    });
    const table = await screen.findByRole('table', {
      name: 'Executions of search-service',
    });
    await waitFor(() =>
      expect(within(table).getAllByRole('row')).toHaveLength(6),
    );
    expect(within(table).getByText('Change number 1')).toBeInTheDocument();
    expect(
      within(table).getByRole('link', { name: /^0000001/ }),
    ).toHaveAttribute(
      'href',
      'https://github.com/acme/search-service/commit/0000001aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
    );
    expect(within(table).getByText('Rollback')).toBeInTheDocument();
    expect(within(table).getByText('Automatic rollback')).toBeInTheDocument();
    expect(within(table).getAllByText('Failed')).toHaveLength(1);

    await userEvent.click(
      screen.getByRole('button', { name: 'Load older executions' }),
    );
    await waitFor(() =>
      expect(within(table).getAllByRole('row')).toHaveLength(8),
    );
    expect(api.getExecutions).toHaveBeenLastCalledWith(
      'component:default/search-service',
      'search-service',
      'page-2',
    );
    expect(
      screen.queryByRole('button', { name: 'Load older executions' }),
    ).not.toBeInTheDocument();

    const expand = screen.getByRole('button', {
      name: 'Show actions of execution 00000003',
    });
    await userEvent.click(expand);
    expect(expand).toHaveAttribute('aria-expanded', 'true');
    const actions = await screen.findByRole('table', {
      name: 'Actions of execution 00000003',
    });
    expect(
      within(actions).getByText('Build terminated with state: FAILED'),
    ).toBeInTheDocument();
    expect(within(actions).getByText('2 min 19 s')).toBeInTheDocument();
  });

  it('shows its own error when the history cannot be read', async () => {
    const api = mockAwsCicdApi(searchService());
    api.getExecutions.mockRejectedValue(
      new Error('ListPipelineExecutions was throttled'),
    );
    await renderWithEntity(<AwsCicdContent />, {
      api,
      entity: demoEntity('search-service'),
    });
    expect(
      await screen.findByText(/Could not load the execution history/),
    ).toBeInTheDocument();
    // The rest of the page is there.
    expect(screen.getByText('Pipeline search-service')).toBeInTheDocument();
  });

  it('shows the first page /delivery carried without asking for it, and asks only for older pages', async () => {
    const api = mockAwsCicdApi(withHistory(1, 5, 'page-2'));
    api.getExecutions.mockResolvedValue(executionsPage('search-service', 6, 2));
    await renderWithEntity(<AwsCicdContent />, {
      api,
      entity: demoEntity('search-service'),
    });
    const table = await screen.findByRole('table', {
      name: 'Executions of search-service',
    });
    expect(within(table).getAllByRole('row')).toHaveLength(6);
    expect(within(table).getByText('Change number 1')).toBeInTheDocument();
    expect(api.getExecutions).not.toHaveBeenCalled();

    await userEvent.click(
      screen.getByRole('button', { name: 'Load older executions' }),
    );
    await waitFor(() =>
      expect(within(table).getAllByRole('row')).toHaveLength(8),
    );
    expect(api.getExecutions).toHaveBeenCalledTimes(1);
    expect(api.getExecutions).toHaveBeenCalledWith(
      'component:default/search-service',
      'search-service',
      'page-2',
    );
  });

  it('shows the first page of each poll of /delivery', async () => {
    jest.useFakeTimers();
    const api = mockAwsCicdApi();
    let next = withHistory(2, 3);
    api.getDelivery.mockImplementation(async () => next);
    await renderWithEntity(<AwsCicdContent />, {
      api,
      entity: demoEntity('search-service'),
    });
    const table = await screen.findByRole('table', {
      name: 'Executions of search-service',
    });
    expect(within(table).queryByText('Change number 1')).toBeNull();

    next = withHistory(1, 4);
    await act(async () => {
      jest.advanceTimersByTime(SLOW_REFRESH_MS);
    });
    expect(api.getDelivery).toHaveBeenCalledTimes(2);
    await waitFor(() =>
      expect(within(table).getByText('Change number 1')).toBeInTheDocument(),
    );
    expect(within(table).getAllByRole('row')).toHaveLength(5);
    expect(api.getExecutions).not.toHaveBeenCalled();
  });
});
