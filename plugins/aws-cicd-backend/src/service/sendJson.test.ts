import { etagOf } from './sendJson';

describe('etagOf', () => {
  const body = (generatedAt: string, seconds: number) =>
    JSON.stringify({ entityRef: 'c', generatedAt, seconds });

  it('is the same for the same content assembled at another time', () => {
    const a = '2026-11-28T05:00:00.000Z';
    const b = '2026-11-28T05:00:30.000Z';
    expect(etagOf(body(a, 1), a)).toBe(etagOf(body(b, 1), b));
    expect(etagOf(body(a, 1), a)).toMatch(/^W\/"[A-Za-z0-9_-]+"$/);
  });

  it('changes with the content', () => {
    const a = '2026-11-28T05:00:00.000Z';
    expect(etagOf(body(a, 1), a)).not.toBe(etagOf(body(a, 2), a));
  });

  it('hashes the whole body when there is no generatedAt', () => {
    const a = '2026-11-28T05:00:00.000Z';
    const b = '2026-11-28T05:00:30.000Z';
    expect(etagOf(body(a, 1))).not.toBe(etagOf(body(b, 1)));
  });
});
