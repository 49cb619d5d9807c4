/** "45 s", "4 min 5 s", "1 h 5 min", "2 d 3 h". */
export function formatDuration(seconds: number | undefined): string {
  if (seconds === undefined || !Number.isFinite(seconds)) {
    return '';
  }
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) {
    return `${s} s`;
  }
  if (s < 3600) {
    const rest = s % 60;
    return rest ? `${Math.floor(s / 60)} min ${rest} s` : `${s / 60} min`;
  }
  if (s < 86400) {
    const min = Math.floor((s % 3600) / 60);
    return min ? `${Math.floor(s / 3600)} h ${min} min` : `${s / 3600} h`;
  }
  const h = Math.floor((s % 86400) / 3600);
  return h ? `${Math.floor(s / 86400)} d ${h} h` : `${s / 86400} d`;
}

/** A countdown clock: "4:59", "1:00:00". */
export function formatClock(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const pad = (n: number) => String(n).padStart(2, '0');
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h ? `${h}:${pad(m)}:${pad(s % 60)}` : `${m}:${pad(s % 60)}`;
}

/** A point in time for people: "26 Nov 2026, 14:05". */
export function formatTime(iso: string | undefined): string {
  if (!iso) {
    return '';
  }
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) {
    return iso;
  }
  return d.toLocaleString(undefined, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
}

/** The first 8 characters of an execution or build id. */
export function shortId(id: string | undefined): string {
  return id ? id.slice(0, 8) : '';
}

/** A commit id as people quote it: 7 characters (other revisions as they are). */
export function shortRevision(revision: string | undefined): string {
  if (!revision) {
    return '';
  }
  return /^[0-9a-f]{40}$/i.test(revision) ? revision.slice(0, 7) : revision;
}

/** "1 alarm", "3 alarms". */
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}
