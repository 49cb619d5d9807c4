import { formatClock, formatDuration, shortRevision } from './format';

describe('format', () => {
  it('formats durations in words people read at a glance', () => {
    expect(formatDuration(45)).toBe('45 s');
    expect(formatDuration(245)).toBe('4 min 5 s');
    expect(formatDuration(300)).toBe('5 min');
    expect(formatDuration(3900)).toBe('1 h 5 min');
    expect(formatDuration(2 * 86400 + 3 * 3600)).toBe('2 d 3 h');
    expect(formatDuration(undefined)).toBe('');
  });

  it('formats countdown clocks', () => {
    expect(formatClock(299)).toBe('4:59');
    expect(formatClock(3600)).toBe('1:00:00');
    expect(formatClock(-3)).toBe('0:00');
  });

  it('shortens commit ids only', () => {
    expect(shortRevision('e1c9a7f5d3b2e0c8a6f4d2b9e7c5a3f1d8b6e4c2')).toBe(
      'e1c9a7f',
    );
    expect(shortRevision('v1.2.3')).toBe('v1.2.3');
  });
});
