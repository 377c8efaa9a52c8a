import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU time of this process and everything it spawned (emulators, functions), from /proc, so a run
 * can say which process was busy. Linux only; elsewhere it reports nothing rather than guessing.
 */
export type CpuSnapshot = Map<number, { name: string; ticks: number }>;

const TICKS_PER_SECOND = 100;
const FUNCTIONS = 'functions runtime (node)';

function readStat(pid: number): { ppid: number; ticks: number } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // After the command: state, ppid, …; utime and stime are fields 14 and 15 of the full line.
    return { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return null;
  }
}

function describe(pid: number): string {
  try {
    const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
    const joined = args.join(' ');
    if (/cloud-firestore-emulator|firestore/i.test(joined) && args[0].includes('java')) return 'firestore emulator (java)';
    if (/pubsub/i.test(joined) && args[0].includes('java')) return 'pubsub emulator (java)';
    if (joined.includes('functions-runtime.main')) return FUNCTIONS;
    return args[0]?.split('/').pop() ?? String(pid);
  } catch {
    return String(pid);
  }
}

export function cpuSnapshot(root = process.pid): CpuSnapshot {
  const snapshot: CpuSnapshot = new Map();
  let pids: number[] = [];
  try {
    pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map(Number);
  } catch {
    return snapshot;
  }
  const stats = new Map(pids.map((pid) => [pid, readStat(pid)] as const));
  const isDescendant = (pid: number): boolean => {
    for (let p = pid, hops = 0; p > 1 && hops < 20; hops += 1) {
      if (p === root) return true;
      p = stats.get(p)?.ppid ?? 0;
    }
    return false;
  };
  const name = (pid: number, ppid: number): string => {
    if (pid === root) return 'bench driver (node)';
    const own = describe(pid);
    // Cluster workers run the same script as their primary: tell them apart by parentage.
    if (own !== FUNCTIONS) return own;
    return describe(ppid) === FUNCTIONS ? 'functions workers (node)' : 'functions primary (node)';
  };
  for (const [pid, stat] of stats) if (stat && isDescendant(pid)) snapshot.set(pid, { name: name(pid, stat.ppid), ticks: stat.ticks });
  return snapshot;
}

/** Busy share of one core per process name over the interval, e.g. 1.4 = 140 % of a core. */
export function coresBusy(before: CpuSnapshot, after: CpuSnapshot, seconds: number): Record<string, number> {
  const byName: Record<string, number> = {};
  for (const [pid, { name, ticks }] of after) {
    const used = ticks - (before.get(pid)?.ticks ?? 0);
    byName[name] = (byName[name] ?? 0) + used / TICKS_PER_SECOND / seconds;
  }
  return Object.fromEntries(Object.entries(byName).filter(([, v]) => v >= 0.01).map(([k, v]) => [k, Math.round(v * 100) / 100]));
}

/** CPU seconds spent by all the processes of the snapshot (the driver and everything it spawned) over the interval. */
export function cpuSecondsUsed(before: CpuSnapshot, after: CpuSnapshot): number {
  let ticks = 0;
  for (const [pid, snap] of after) ticks += snap.ticks - (before.get(pid)?.ticks ?? 0);
  return ticks / TICKS_PER_SECOND;
}

/** CPU seconds spent over the interval by the processes whose name passes `include` (e.g. the functions runtime). */
export function cpuSecondsUsedBy(before: CpuSnapshot, after: CpuSnapshot, include: (name: string) => boolean): number {
  let ticks = 0;
  for (const [pid, snap] of after) if (include(snap.name)) ticks += snap.ticks - (before.get(pid)?.ticks ?? 0);
  return ticks / TICKS_PER_SECOND;
}

/** The functions runtime's processes (primary with the push bridge, and its workers). */
export const isFunctionsProcess = (name: string): boolean => name.startsWith('functions');

/** Busy CPU seconds of the whole machine so far (all cores, from /proc/stat: all but idle and iowait); 0 where /proc is absent. */
export function machineBusySeconds(): number {
  try {
    const [user, nice, system, , , irq, softirq, steal] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    return (user + nice + system + irq + softirq + (steal ?? 0)) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}
