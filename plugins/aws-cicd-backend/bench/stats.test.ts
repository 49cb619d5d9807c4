import { dependentRoundTrips, percentile } from './stats';

const call = (startMs: number, durationMs: number) => ({
  time: new Date(Date.UTC(2026, 10, 28) + startMs + durationMs).toISOString(),
  durationMs,
  service: 'CodeDeploy',
  operation: 'GetDeployment',
});

describe('percentile', () => {
  it('takes the nearest rank', () => {
    const values = Array.from({ length: 20 }, (_, i) => 20 - i);
    expect(percentile(values, 50)).toBe(10);
    expect(percentile(values, 95)).toBe(19);
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
  });
});

describe('dependentRoundTrips', () => {
  it('counts parallel calls once and chained calls each', () => {
    expect(dependentRoundTrips([])).toBe(0);
    expect(
      dependentRoundTrips([call(0, 100), call(2, 100), call(5, 100)]),
    ).toBe(1);
    expect(
      dependentRoundTrips([
        call(0, 100),
        call(1, 100),
        call(103, 100), // after the first two answered
        call(104, 100),
        call(210, 100), // after the second wave
      ]),
    ).toBe(3);
  });

  it('does not chain a call that started before the other answered', () => {
    expect(dependentRoundTrips([call(0, 100), call(50, 100)])).toBe(1);
  });
});
