/*
 * A simple anchored regular expression in words, for validation messages:
 * "^[0-9]{12}$" is "12 digits". Patterns with alternatives, wildcards or
 * nested groups are left as they are (the caller shows the pattern).
 */

const list = (items: string[]) =>
  items.length <= 1
    ? items.join('')
    : `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`;

const CLASS_WORDS: Array<[string, string, string]> = [
  ['a-z', 'lowercase letter', 'lowercase letters'],
  ['A-Z', 'uppercase letter', 'uppercase letters'],
  ['0-9', 'digit', 'digits'],
  ['\\d', 'digit', 'digits'],
];

interface Atom {
  one: string;
  many: string;
  literal?: string;
  min: number;
  max: number;
}

/** A character class `[...]` as words, or undefined when it is not a simple one. */
function classWords(body: string): { one: string; many: string } | undefined {
  if (body.startsWith('^')) return undefined;
  const ones: string[] = [];
  const manys: string[] = [];
  let rest = body;
  while (rest) {
    const head = rest;
    const known = CLASS_WORDS.find(([range]) => head.startsWith(range));
    if (known) {
      ones.push(known[1]);
      manys.push(known[2]);
      rest = rest.slice(known[0].length);
      continue;
    }
    const char = /^\\(.)|^([^\\\]])/.exec(rest);
    if (!char || (rest[1] === '-' && rest.length > 2)) return undefined;
    const c = char[1] ?? char[2];
    ones.push(`'${c}'`);
    manys.push(`'${c}'`);
    rest = rest.slice(char[0].length);
  }
  const article = ones[0].startsWith("'") ? '' : 'a ';
  return { one: `${article}${list(ones)}`, many: list(manys) };
}

/** [min, max] of a quantifier match: {n}, {n,}, {n,m}, ?, *, + */
function quantity(q: RegExpExecArray): [number, number] {
  if (q[4] === '?') return [0, 1];
  if (q[4]) return [q[4] === '+' ? 1 : 0, Infinity];
  if (!q[2]) return [Number(q[1]), Number(q[1])];
  return [Number(q[1]), q[3] ? Number(q[3]) : Infinity];
}

/**
 * A simple anchored pattern in words ("12 digits"; "a lowercase letter, then
 * 1 to 38 lowercase letters, digits or '-', then ..."), or undefined when the
 * pattern has alternatives, wildcards or nested groups.
 */
export function describePattern(pattern: string): string | undefined {
  const m = /^\^(.*)\$$/.exec(pattern);
  if (!m) return undefined;
  let rest = m[1];
  const atoms: Atom[] = [];
  while (rest) {
    let words: { one: string; many: string; literal?: string } | undefined;
    const cls = /^\[((?:\\.|[^\]\\])+)\]/.exec(rest);
    const group = /^\(((?:\\[^\w]|[\w-])+)\)/.exec(rest);
    const char = /^\\([^\w])|^([\w\-/:@])/.exec(rest);
    const match = cls ?? group ?? char ?? /^\\d/.exec(rest);
    if (cls) words = classWords(cls[1]);
    else if (group) {
      const text = group[1].replace(/\\(.)/g, '$1');
      words = { one: `'${text}'`, many: `'${text}'`, literal: text };
    } else if (char) {
      const c = char[1] ?? char[2];
      words = { one: `'${c}'`, many: `'${c}'`, literal: c };
    } else if (match) words = { one: 'a digit', many: 'digits' };
    if (!match || !words) return undefined;
    rest = rest.slice(match[0].length);
    const q = /^(?:\{(\d+)(,(\d*))?\}|([?*+]))/.exec(rest);
    let [min, max] = [1, 1];
    if (q) {
      rest = rest.slice(q[0].length);
      [min, max] = quantity(q);
    }
    const last = atoms.at(-1);
    if (
      !q &&
      words.literal &&
      last?.literal !== undefined &&
      last.min === 1 &&
      last.max === 1
    ) {
      last.literal += words.literal;
      last.one = last.many = `'${last.literal}'`;
    } else atoms.push({ ...words, min, max });
  }
  return atoms
    .map(a => {
      if (a.min === 1 && a.max === 1) return a.one;
      if (a.min === 0 && a.max === 1) return `optionally ${a.one}`;
      if (a.max === Infinity && a.min === 0) return `any number of ${a.many}`;
      if (a.max === Infinity && a.min === 1) return `one or more ${a.many}`;
      if (a.max === Infinity) return `at least ${a.min} ${a.many}`;
      return a.min === a.max
        ? `${a.min} ${a.many}`
        : `${a.min} to ${a.max} ${a.many}`;
    })
    .join(', then ');
}
