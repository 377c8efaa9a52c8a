import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** The parts of a V8 `.cpuprofile` (node --cpu-prof) this reads. */
export interface CpuProfile {
  /** Microseconds on the monotonic clock (the one process.hrtime reads on Linux). */
  startTime?: number;
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string } }>;
  samples: number[];
  /** Microseconds since the previous sample. */
  timeDeltas: number[];
}

/**
 * Where a profiled process spent its CPU, by who owns the code: an npm package, a context of the
 * functions (functions/src/<context>), node's internals, the garbage collector. Idle time is left out.
 */
export function categoryOf(callFrame: { functionName: string; url: string }): string | null {
  const { url, functionName } = callFrame;
  if (functionName === '(idle)') return null;
  if (functionName === '(garbage collector)') return 'garbage collector';
  if (functionName === '(program)' || functionName === '(root)') return 'V8 and native code';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1];
  if (pkg) return pkg;
  const context = /functions\/src\/([^/]+)\//.exec(url)?.[1];
  if (context) return `functions/src/${context}`;
  if (/\/infra\//.test(url)) return 'infra (local runtime)';
  // Node's own modules by name (async_hooks, streams, http …): which machinery the time goes to.
  if (url.startsWith('node:')) return `node ${url.replace(/^node:(internal\/)?/, '')}`;
  if (url === '' || !url.includes('/')) return 'node (builtins without a module)';
  return 'other';
}

/** A window on the monotonic clock, in microseconds (process.hrtime.bigint() / 1000n). */
export interface Window {
  fromUs: number;
  toUs: number;
}

/** Milliseconds of CPU per category in one profile, counting only the samples inside `window` when given. */
export function cpuByCategory(profile: CpuProfile, window?: Window): Record<string, number> {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const totals: Record<string, number> = {};
  let at = profile.startTime ?? 0;
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    at += delta;
    if (window && (at < window.fromUs || at > window.toUs)) return;
    const frame = nodes.get(id);
    const category = frame ? categoryOf(frame) : 'other';
    if (category) totals[category] = (totals[category] ?? 0) + delta / 1000;
  });
  return totals;
}

/** Sums every profile a run left in `dir` (the functions' primary and each worker write one on exit). */
export function cpuByCategoryIn(dir: string, window?: Window): Record<string, number> {
  const totals: Record<string, number> = {};
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'))) {
    const profile = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as CpuProfile;
    for (const [category, ms] of Object.entries(cpuByCategory(profile, window))) totals[category] = (totals[category] ?? 0) + ms;
  }
  return totals;
}
