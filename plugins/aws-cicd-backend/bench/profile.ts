/*
 * CPU profile of the backend process during a phase: profileHook.ts runs in
 * the backend (node --import) and starts / stops the V8 profiler on SIGUSR2;
 * summarise() says where the time went.
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Where a stack frame's code lives: a package, Liftoff's source, or Node. */
function origin(url: string): string {
  if (!url) return '(native / V8)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  const own = /\/(plugins|packages)\/([^/]+)\//.exec(url);
  if (own) return `liftoff ${own[1]}/${own[2]}`;
  if (url.startsWith('node:')) return url;
  return url;
}

/** Overlapping views of the warm request path (a sample counts for each it falls in). */
const CATEGORIES: [string, (f: ProfileNode['callFrame']) => boolean][] = [
  ['aws-cicd plugin code', f => f.url.includes('plugins/aws-cicd-backend/src')],
  [
    'catalog backend (entity lookups served)',
    f => /plugin-catalog-backend\//.test(f.url),
  ],
  [
    'catalog client (lookups sent over loopback HTTP)',
    f => /catalog-client\//.test(f.url),
  ],
  [
    'permission backend / policy',
    f => /plugin-permission-(backend|node)\/|permissionPolicy/.test(f.url),
  ],
  [
    'tokens: auth service, jose (all)',
    f => /\/jose\/|entrypoints\/auth\//.test(f.url),
  ],
  [
    'tokens: JWS signature verify (jose)',
    f => /jose\/.*jws_verify/.test(f.url),
  ],
  [
    'tokens: JWS sign (jose; plugin-to-plugin tokens)',
    f => /jose\/.*jws_sign/.test(f.url),
  ],
  ['tokens: importJWK (jose)', f => /jose\/.*key\/import/.test(f.url)],
  [
    'gzip (compression middleware, zlib)',
    f => /\/compression\/|zlib/.test(f.url),
  ],
  [
    'JSON (parse / stringify)',
    f => !f.url && /^(stringify|parse)$/.test(f.functionName),
  ],
  ['SQLite / knex', f => /better-sqlite3|\/knex\//.test(f.url)],
  [
    'express / http',
    f => /\/express\/|\/router\/|node:_http|node:http/.test(f.url),
  ],
  ['garbage collector', f => f.functionName === '(garbage collector)'],
];

export function summarise(file: string, views: number, top = 25): string[] {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map(n => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes)
    for (const c of n.children ?? []) parent.set(c, n.id);

  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => {
    self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  let busy = 0;
  const fn = new Map<string, number>();
  const pkg = new Map<string, number>();
  const cat = new Map<string, number>();
  const profiler = (id: number) => {
    for (let n: number | undefined = id; n !== undefined; n = parent.get(n))
      if (byId.get(n)!.callFrame.url === 'node:inspector') return true;
    return false;
  };
  for (const [id, t] of self) {
    const f = byId.get(id)!.callFrame;
    if (f.functionName === '(idle)' || f.functionName === '(program)') continue;
    if (profiler(id)) continue; // stopping the profiler itself
    busy += t;
    const where = f.url
      ? `${origin(f.url)}:${f.lineNumber + 1}`
      : origin(f.url);
    // A native builtin is named after its nearest JavaScript caller.
    let caller = '';
    if (!f.url) {
      for (let n = parent.get(id); n !== undefined; n = parent.get(n)) {
        const c = byId.get(n)!.callFrame;
        if (c.url) {
          caller = ` <- ${c.functionName || '(anonymous)'} ${origin(c.url)}:${c.lineNumber + 1}`;
          break;
        }
      }
    }
    const key = `${f.functionName || '(anonymous)'}  ${where}${caller}`;
    fn.set(key, (fn.get(key) ?? 0) + t);
    pkg.set(origin(f.url), (pkg.get(origin(f.url)) ?? 0) + t);
    const hit = new Set<string>();
    for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) {
      const frame = byId.get(n)!.callFrame;
      for (const [name, match] of CATEGORIES) if (match(frame)) hit.add(name);
    }
    for (const name of hit) cat.set(name, (cat.get(name) ?? 0) + t);
  }
  const rows = (m: Map<string, number>, n: number) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(
        ([k, t]) =>
          `  ${(t / views).toFixed(2).padStart(6)} ms/view ${((100 * t) / busy)
            .toFixed(1)
            .padStart(5)}%  ${k}`,
      );
  return [
    `CPU in the profile: ${busy.toFixed(0)} ms for ${views} views = ${(busy / views).toFixed(2)} ms per view (sampling adds some)`,
    '',
    'By area (inclusive: a sample counts in every area on its stack):',
    ...rows(cat, CATEGORIES.length),
    '',
    'Self time by package:',
    ...rows(pkg, 15),
    '',
    `Top ${top} functions by self time:`,
    ...rows(fn, top),
  ];
}
