import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// The component tests render the whole CI/CD tab and click through it. Alone
// one takes 1-2 s; in the full repo run on 2 cores, beside the template
// matrix's builds, the same test has taken over 5 s (jest's default). The
// package's jest config cannot set this: the repo-level run ignores it.
jest.setTimeout(20_000);

// findBy*/waitFor wait for their condition, by default for 1 s only: a whole
// tab's first render on a busy machine can take longer. A condition that
// never holds still fails, after 10 s.
configure({ asyncUtilTimeout: 10_000 });

// The viewer's clock stands still in every test, at the fixtures' time: a
// running duration or a countdown on screen ("Running for 1 min 35 s", "Next
// shift in: 3:25") counts from the moment the response arrived, so with a
// moving wall clock it depends on how long a busy machine took to render.
// Time moves only when a test moves it (jest.useFakeTimers(), then
// jest.advanceTimersByTime). Only Date is faked here: timers stay real, so
// testing-library's waits and user-event behave as usual.
const FIXTURES_NOW = new Date('2026-11-26T11:00:00.000Z');

beforeEach(() => {
  jest.useFakeTimers({
    now: FIXTURES_NOW,
    doNotFake: [
      'hrtime',
      'nextTick',
      'performance',
      'queueMicrotask',
      'requestAnimationFrame',
      'cancelAnimationFrame',
      'requestIdleCallback',
      'cancelIdleCallback',
      'setImmediate',
      'clearImmediate',
      'setInterval',
      'clearInterval',
      'setTimeout',
      'clearTimeout',
    ],
  });
});

afterEach(() => {
  jest.useRealTimers();
});
