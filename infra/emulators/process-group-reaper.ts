import { readdirSync, readFileSync } from 'node:fs';

/**
 * Last line of defence against orphaned JVMs: when this Node process exits or is interrupted,
 * every still-registered emulator process group is signalled synchronously (async work cannot
 * run inside an 'exit' handler).
 */
const REGISTRY_KEY = Symbol.for('payments-backend.emulator-process-groups');
const SIGNALS = ['SIGINT', 'SIGTERM'] as const;

type Registry = { groups: Set<number> };
type ProcessWithRegistry = NodeJS.Process & { [REGISTRY_KEY]?: Registry };

export function trackProcessGroup(pgid: number): void {
  registry().groups.add(pgid);
}

export function untrackProcessGroup(pgid: number): void {
  registry().groups.delete(pgid);
}

/** Sends `signal` to every process of the group; false when the group no longer exists. */
export function signalProcessGroup(pgid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
    throw error;
  }
}

/**
 * Whether any live (non-zombie) process remains in the group. Zombies count as gone: once a
 * grandchild (e.g. java under a wrapper script) is reparented, reaping it is init's job, and
 * some inits (containers, micro-VMs) reap only every second or so.
 */
export function processGroupExists(pgid: number): boolean {
  if (!signalProcessGroup(pgid, 0)) return false;
  const states = groupMemberStates(pgid);
  return states === undefined || states.some((state) => state !== 'Z' && state !== 'X');
}

/** Process states of the group's members from /proc; undefined where /proc is unavailable. */
function groupMemberStates(pgid: number): string[] | undefined {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return undefined;
  }
  const states: string[] = [];
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // exited while we were looking
    }
    // Format: "pid (comm) state ppid pgrp ..."; comm may itself contain spaces and parentheses.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(fields[2]) === pgid) states.push(fields[0] ?? '');
  }
  return states;
}

function registry(): Registry {
  // Kept on the process object so that re-loaded module copies (jest, tsx watch) share one set
  // of handlers instead of stacking listeners.
  const host = process as ProcessWithRegistry;
  const existing = host[REGISTRY_KEY];
  if (existing) return existing;
  const created: Registry = { groups: new Set() };
  host[REGISTRY_KEY] = created;
  installHandlers(created);
  return created;
}

function installHandlers(reg: Registry): void {
  const killAll = (): void => {
    for (const pgid of reg.groups) {
      try {
        process.kill(-pgid, 'SIGTERM');
      } catch {
        // Already gone, or not ours any more: nothing left to clean up.
      }
    }
    reg.groups.clear();
  };
  process.on('exit', killAll);
  for (const signal of SIGNALS) {
    const onSignal = (): void => {
      killAll();
      // A signal listener suppresses Node's default "terminate"; restore it when nobody else
      // (e.g. a CLI doing its own graceful shutdown) has claimed the signal.
      if (process.listenerCount(signal) === 1) {
        process.off(signal, onSignal);
        process.kill(process.pid, signal);
      }
    };
    process.on(signal, onSignal);
  }
}
