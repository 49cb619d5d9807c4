import { Entity } from '@backstage/catalog-model';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { demoEntity, searchService } from '../../__fixtures__/delivery';
import { mockAwsCicdApi, renderWithEntity } from '../../__testUtils__/render';
import { useDeliveryContext } from '../../hooks';
import { DeliveryBoundary } from './DeliveryBoundary';

/** A child that shows what the boundary hands down. */
function Probe(props: { pipelines: string[] }) {
  const { entityRef, permissions } = useDeliveryContext();
  return (
    <div>
      <span>Pipelines: {props.pipelines.join(', ')}</span>
      <span>Entity: {entityRef}</span>
      <span>May release: {permissions.startExecution ? 'yes' : 'no'}</span>
    </div>
  );
}

function renderBoundary(
  api = mockAwsCicdApi(searchService()),
  entity: Entity = demoEntity('search-service'),
) {
  return renderWithEntity(
    <DeliveryBoundary compact>
      {value => <Probe pipelines={value.pipelines.map(p => p.name)} />}
    </DeliveryBoundary>,
    { api, entity },
  );
}

describe('DeliveryBoundary', () => {
  it('hands the loaded delivery, the entity and the permissions to its children', async () => {
    const api = mockAwsCicdApi(searchService());
    await renderBoundary(api);
    expect(
      await screen.findByText('Pipelines: search-service'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Entity: component:default/search-service'),
    ).toBeInTheDocument();
    expect(await screen.findByText('May release: yes')).toBeInTheDocument();
    expect(api.getDelivery).toHaveBeenCalledWith(
      'component:default/search-service',
    );
  });

  it('renders no children and calls nothing without usable annotations', async () => {
    const api = mockAwsCicdApi(searchService());
    const entity = demoEntity('search-service');
    entity.metadata.annotations = {};
    await renderBoundary(api, entity);
    expect(
      screen.getByText('No AWS CI/CD annotations on this entity'),
    ).toBeInTheDocument();
    expect(screen.queryByText(/Pipelines:/)).not.toBeInTheDocument();
    expect(api.getDelivery).not.toHaveBeenCalled();
  });

  it('shows why the first load failed instead of its children', async () => {
    const api = mockAwsCicdApi();
    api.getDelivery.mockRejectedValue(new Error('Backend unreachable'));
    await renderBoundary(api);
    expect(
      await screen.findByText(/Could not load the CI\/CD status/),
    ).toBeInTheDocument();
    expect(screen.queryByText(/Pipelines:/)).not.toBeInTheDocument();
  });

  it('keeps the children on screen when a refresh fails, and says so', async () => {
    const api = mockAwsCicdApi(searchService());
    await renderBoundary(api);
    await screen.findByText('Pipelines: search-service');
    api.getDelivery.mockRejectedValueOnce(new Error('Gateway timeout'));
    await userEvent.click(screen.getByRole('button', { name: 'Refresh now' }));
    expect(
      await screen.findByText(/Could not refresh: Gateway timeout/),
    ).toBeInTheDocument();
    expect(screen.getByText('Pipelines: search-service')).toBeInTheDocument();
  });
});
