import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';

const REPO_ROOT = path.resolve(__dirname, '..', '..');

export interface FunctionsRuntimeProcess {
  readonly pid: number;
  stop(): Promise<void>;
  /** SIGKILL: what a crashed instance looks like to everything around it. */
  kill(): Promise<void>;
}

export async function spawnFunctionsRuntime(env: NodeJS.ProcessEnv, onLog: (line: string) => void): Promise<FunctionsRuntimeProcess> {
  // One node process with tsx as a loader (not the tsx CLI, which forks a second process): a
  // SIGKILL must take the whole functions runtime down, exactly like a crashed instance.
  const child = spawn(process.execPath, [...nodeArgs(), '--import', 'tsx', path.join(__dirname, 'functions-runtime.main.ts')], { cwd: REPO_ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  readline.createInterface({ input: child.stderr! }).on('line', onLog);
  const lines = readline.createInterface({ input: child.stdout! });
  // The worker processes serving the functions (the primary itself when it runs alone).
  let workerPids: number[] = [];
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('functions runtime did not start within 60 s')), 60_000);
    lines.on('line', (line) => {
      if (line.startsWith('{"ready":true')) {
        workerPids = (JSON.parse(line) as { pids?: number[] }).pids ?? [];
        clearTimeout(timer);
        resolve();
      } else onLog(line);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`functions runtime exited with code ${code} before it was ready`));
    });
  });
  const signal = async (sig: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(sig);
    await exited;
  };
  registerCleanup(child);
  const killAll = async () => {
    // The primary first, so that it cannot replace the workers; they would exit on their own once it
    // is gone, killing them too makes the crash instant.
    const primaryGone = signal('SIGKILL');
    for (const pid of workerPids.filter((p) => p !== child.pid)) killQuietly(pid);
    await primaryGone;
  };
  return { pid: child.pid!, stop: () => signal('SIGTERM'), kill: killAll };
}

function killQuietly(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

const children = new Set<ChildProcess>();
let hooked = false;

// Ctrl-C or a crash of the parent must not leave a functions process behind.
function registerCleanup(child: ChildProcess): void {
  children.add(child);
  child.once('exit', () => children.delete(child));
  if (hooked) return;
  hooked = true;
  process.once('exit', () => children.forEach((c) => c.kill('SIGKILL')));
}

/** Extra node flags for the functions process, e.g. FUNCTIONS_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof". */
const nodeArgs = (): string[] => (process.env.FUNCTIONS_NODE_ARGS ?? '').split(' ').filter(Boolean);
