import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { StatusLabel } from './StatusLabel';
import { statusOf } from './status';

describe('statusOf', () => {
  it.each([
    ['Succeeded', 'ok', 'Succeeded'],
    ['SUCCEEDED', 'ok', 'Succeeded'],
    ['OK', 'ok', 'OK'],
    ['InProgress', 'running', 'In progress'],
    ['IN_PROGRESS', 'running', 'In progress'],
    ['Stopping', 'running', 'Stopping'],
    ['Created', 'pending', 'Created'],
    ['SUBMITTED', 'pending', 'Submitted'],
    ['Failed', 'error', 'Failed'],
    ['FAULT', 'error', 'Fault'],
    ['TIMED_OUT', 'error', 'Timed out'],
    ['ALARM', 'error', 'In alarm'],
    ['Stopped', 'aborted', 'Stopped'],
    ['Abandoned', 'aborted', 'Abandoned'],
    ['Skipped', 'aborted', 'Skipped'],
    ['INSUFFICIENT_DATA', 'warning', 'Insufficient data'],
    ['UNKNOWN', 'warning', 'State unknown'],
  ])('maps %s to %s', (raw, kind, label) => {
    expect(statusOf(raw)).toMatchObject({ kind, label });
  });

  it('says "Unknown (<raw>)" for a value it does not know, never success', () => {
    expect(statusOf('Exploded')).toMatchObject({
      kind: 'warning',
      label: 'Unknown (Exploded)',
    });
    expect(statusOf('toString').label).toBe('Unknown (toString)');
  });

  it('labels a missing status as not run yet', () => {
    expect(statusOf(undefined)).toMatchObject({
      kind: 'pending',
      label: 'Not run yet',
    });
  });

  it('renders the words beside the icon', async () => {
    await renderInTestApp(<StatusLabel status="Superseded" />);
    expect(
      screen.getByText('Superseded: a newer execution overtook this one'),
    ).toBeInTheDocument();
  });
});
