import {
  formatMinutes,
  trafficPlanMinutes,
  trafficStepAt,
  trafficStepsOf,
  trafficTimelineOf,
} from './traffic';

describe('trafficStepsOf', () => {
  it('shifts everything at once', () => {
    expect(trafficStepsOf('AllAtOnce')).toEqual([
      { atMinute: 0, percentage: 100 },
    ]);
    // The step values of a canary / linear config do not apply to it.
    expect(trafficStepsOf('AllAtOnce', 10, 5)).toEqual([
      { atMinute: 0, percentage: 100 },
    ]);
  });

  it('shifts a canary in two steps', () => {
    expect(trafficStepsOf('TimeBasedCanary', 10, 5)).toEqual([
      { atMinute: 0, percentage: 10 },
      { atMinute: 5, percentage: 100 },
    ]);
  });

  it('shifts linearly from minute 0, the last step capped at 100%', () => {
    const tenEveryMinute = trafficStepsOf('TimeBasedLinear', 10, 1);
    expect(tenEveryMinute).toHaveLength(10);
    expect(tenEveryMinute[0]).toEqual({ atMinute: 0, percentage: 10 });
    expect(tenEveryMinute[9]).toEqual({ atMinute: 9, percentage: 100 });
    expect(trafficStepsOf('TimeBasedLinear', 30, 2)).toEqual([
      { atMinute: 0, percentage: 30 },
      { atMinute: 2, percentage: 60 },
      { atMinute: 4, percentage: 90 },
      { atMinute: 6, percentage: 100 },
    ]);
    expect(
      trafficStepsOf('TimeBasedLinear', 1, 1).map(s => s.percentage),
    ).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
  });

  it('is one step for 100% or more', () => {
    expect(trafficStepsOf('TimeBasedLinear', 100, 3)).toEqual([
      { atMinute: 0, percentage: 100 },
    ]);
    expect(trafficStepsOf('TimeBasedCanary', 150, 3)).toEqual([
      { atMinute: 0, percentage: 100 },
    ]);
  });

  it.each([
    [0, 5, /above 0%, got 0/],
    [-10, 5, /above 0%, got -10/],
    [Number.NaN, 5, /above 0%, got NaN/],
    [10, -1, /0 minutes or more, got -1/],
  ])(
    'refuses a plan that never reaches 100%% (%d%%, %d min)',
    (percentage, interval, message) => {
      expect(() =>
        trafficStepsOf('TimeBasedLinear', percentage, interval),
      ).toThrow(message);
    },
  );
});

describe('trafficPlanMinutes', () => {
  it('is the minute of the last step', () => {
    expect(trafficPlanMinutes(trafficStepsOf('TimeBasedLinear', 10, 3))).toBe(
      27,
    );
    expect(trafficPlanMinutes(trafficStepsOf('AllAtOnce'))).toBe(0);
    expect(trafficPlanMinutes([])).toBe(0);
  });
});

describe('formatMinutes and trafficTimelineOf', () => {
  it('formats minutes and hours', () => {
    expect(formatMinutes(5)).toBe('5 min');
    expect(formatMinutes(60)).toBe('1 h');
    expect(formatMinutes(90)).toBe('1 h 30 min');
    expect(formatMinutes(2880)).toBe('48 h');
  });

  it('words a short plan step by step', () => {
    expect(trafficTimelineOf(trafficStepsOf('TimeBasedCanary', 10, 5))).toBe(
      '10% now, 100% after 5 min',
    );
    expect(trafficTimelineOf(trafficStepsOf('AllAtOnce'))).toBe('100% now');
    expect(trafficTimelineOf(trafficStepsOf('TimeBasedLinear', 25, 90))).toBe(
      '25% now, 50% after 1 h 30 min, 75% after 3 h, 100% after 4 h 30 min',
    );
  });

  it('words a long linear plan by its rhythm', () => {
    expect(trafficTimelineOf(trafficStepsOf('TimeBasedLinear', 10, 3))).toBe(
      '10% now, then +10% every 3 min, 100% after 27 min',
    );
  });
});

describe('trafficStepAt', () => {
  const canary = trafficStepsOf('TimeBasedCanary', 10, 5);
  const linear = trafficStepsOf('TimeBasedLinear', 30, 2);

  it('gives the step in force and the next one', () => {
    expect(trafficStepAt(canary, 0)).toEqual({
      index: 0,
      next: { atMinute: 5, percentage: 100 },
    });
    expect(trafficStepAt(canary, 4.99)).toEqual({
      index: 0,
      next: { atMinute: 5, percentage: 100 },
    });
    expect(trafficStepAt(canary, 5)).toEqual({ index: 1 });
    expect(trafficStepAt(linear, 3)).toEqual({
      index: 1,
      next: { atMinute: 4, percentage: 90 },
    });
    expect(trafficStepAt(linear, 60)).toEqual({ index: 3 });
  });

  it('stays at the first step before the plan starts', () => {
    expect(trafficStepAt(canary, -1)).toEqual({
      index: 0,
      next: { atMinute: 5, percentage: 100 },
    });
  });
});
