import { render, screen } from '@testing-library/react';
import { TrafficBar } from './TrafficBar';

describe('TrafficBar', () => {
  it('is a meter that says both halves in words', () => {
    render(
      <TrafficBar
        label="Production traffic"
        fromLabel="version 41"
        toLabel="version 42"
        fromRole="Original"
        toRole="Replacement"
        toPercent={10}
      />,
    );
    const meter = screen.getByRole('meter', { name: 'Production traffic' });
    expect(meter).toHaveAttribute('aria-valuenow', '10');
    expect(meter).toHaveAttribute(
      'aria-valuetext',
      '10% to version 42, 90% to version 41',
    );
    expect(screen.getByText('Replacement version 42: 10%')).toBeInTheDocument();
    expect(screen.getByText('Original version 41: 90%')).toBeInTheDocument();
  });

  it('names the sides by their labels alone when given no roles', () => {
    render(
      <TrafficBar
        label="Production traffic"
        fromLabel="Blue (original)"
        toLabel="Green (replacement)"
        toPercent={0}
      />,
    );
    expect(screen.getByText('Green (replacement): 0%')).toBeInTheDocument();
    expect(screen.getByText('Blue (original): 100%')).toBeInTheDocument();
  });

  it('says when the target lags the configuration', () => {
    render(
      <TrafficBar
        label="Production traffic"
        fromLabel="version 41"
        toLabel="version 42"
        toPercent={10}
        desiredPercent={100}
      />,
    );
    expect(
      screen.getByText(/wants 100% on version 42 now; the target reports 10%/),
    ).toBeInTheDocument();
  });
});
