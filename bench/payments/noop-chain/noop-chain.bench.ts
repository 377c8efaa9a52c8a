import { spawn } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { cpuSnapshot } from '../process-cpu';
import { invocationsPerChain, type NoopPlan } from './noop-plan';

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
const TICKS_PER_SECOND = 100;

export interface NoopChainResult {
  plan: NoopPlan;
  chains: number;
  completed: number;
  seconds: number;
  /** CPU of the no-op functions process per completed chain (its Pub/Sub bridge included, as the real functions' is). */
  cpuMsPerChain: number;
  invocationsPerChain: number;
}

/**
 * Runs `chains` no-op chains of the given shape, `concurrency` in flight, against the local stack's
 * Cloud Tasks and Pub/Sub emulators (`env` is the stack's environment), after `warmup` chains.
 */
export async function runNoopChains(env: Record<string, string>, plan: NoopPlan, options: { chains: number; concurrency: number; warmup: number; timeoutMs?: number }): Promise<NoopChainResult> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'noop-functions.main.ts')], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env, NOOP_PLAN: JSON.stringify(plan) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2_000)));
  const waiting = new Map<number, () => void>();
  const lines = readline.createInterface({ input: child.stdout! });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no-op functions did not start within 60 s')), 60_000);
    child.once('exit', (code) => reject(new Error(`no-op functions exited with ${code}: ${stderr}`)));
    lines.on('line', (line) => {
      if (line.startsWith('{"ready":true')) {
        clearTimeout(timer);
        resolve((JSON.parse(line) as { url: string }).url);
      } else if (line.startsWith('done ')) waiting.get(Number(line.slice(5)))?.();
    });
  });
  try {
    let nextChain = 0;
    const drive = async (chains: number): Promise<number> => {
      let started = 0;
      let completed = 0;
      await Promise.all(
        Array.from({ length: options.concurrency }, async () => {
          while (started < chains) {
            started += 1;
            const chain = nextChain++;
            const done = new Promise<boolean>((resolve) => {
              const timer = setTimeout(() => resolve(false), options.timeoutMs ?? 30_000);
              waiting.set(chain, () => {
                clearTimeout(timer);
                resolve(true);
              });
            });
            const answer = await fetch(`${url}/start`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ chain }) }).catch(() => null);
            await answer?.arrayBuffer();
            if (answer?.ok && (await done)) completed += 1;
            waiting.delete(chain);
          }
        }),
      );
      return completed;
    };
    await drive(options.warmup);
    const before = cpuSnapshot().get(child.pid!)?.ticks ?? 0;
    const startedAt = performance.now();
    const completed = await drive(options.chains);
    const seconds = (performance.now() - startedAt) / 1000;
    const after = cpuSnapshot().get(child.pid!)?.ticks ?? 0;
    return { plan, chains: options.chains, completed, seconds, cpuMsPerChain: ((after - before) / TICKS_PER_SECOND) * 1000 / Math.max(1, completed), invocationsPerChain: invocationsPerChain(plan) };
  } finally {
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
  }
}
