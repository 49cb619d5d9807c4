/** ISO 8601, or undefined. */
export function iso(
  date: Date | string | undefined | null,
): string | undefined {
  if (date === undefined || date === null) return undefined;
  const d = typeof date === 'string' ? new Date(date) : date;
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

/** Whole seconds from `from` to `to` (ISO strings or dates), never negative. */
export function secondsBetween(
  from: string | Date | undefined,
  to: string | Date | undefined,
): number | undefined {
  if (!from || !to) return undefined;
  const ms = new Date(to).getTime() - new Date(from).getTime();
  return Number.isNaN(ms) ? undefined : Math.max(0, Math.round(ms / 1000));
}

/** Whole seconds until `when`, rounded up, never negative. */
export function secondsUntil(when: number, now: Date): number {
  return Math.max(0, Math.ceil((when - now.getTime()) / 1000));
}

/** Removes undefined members, so JSON (and the cache) stays small. */
export function compact<T extends object>(value: T): T {
  for (const key of Object.keys(value) as Array<keyof T>) {
    if (value[key] === undefined) delete value[key];
  }
  return value;
}
