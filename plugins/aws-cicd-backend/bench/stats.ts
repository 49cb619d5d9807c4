/** Figures of a phase and how they are printed. */

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(
    sorted.length - 1,
    Math.max(0, Math.ceil((p / 100) * sorted.length) - 1),
  );
  return sorted[index];
}

export const ms = (v: number) =>
  Number.isNaN(v) ? '-' : `${v.toFixed(v < 10 ? 1 : 0)} ms`;

export interface AwsCall {
  time: string;
  durationMs: number;
  service: string;
  operation: string;
}

/**
 * The longest chain of AWS calls where each started after the previous one
 * answered: the dependent round trips the backend actually made.
 */
export function dependentRoundTrips(calls: AwsCall[]): number {
  const spans = calls
    .map(c => {
      const end = Date.parse(c.time);
      return { start: end - c.durationMs, end };
    })
    .sort((a, b) => a.start - b.start);
  const depth: number[] = [];
  let longest = 0;
  spans.forEach((s, i) => {
    let d = 1;
    for (let j = 0; j < i; j++) {
      if (spans[j].end <= s.start + 1) d = Math.max(d, depth[j] + 1);
    }
    depth.push(d);
    longest = Math.max(longest, d);
  });
  return longest;
}

export function goal(label: string, ok: boolean, detail: string): string {
  return `  [${ok ? 'met   ' : 'MISSED'}] ${label}: ${detail}`;
}
