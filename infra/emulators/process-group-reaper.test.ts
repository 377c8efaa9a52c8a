import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { processGroupAlive } from './group-probe.test-helper';

// Loaded in-process (not via the tsx CLI, which would relay signals through a wrapper process).
const REPO_ROOT = join(__dirname, '..', '..');
const FIXTURE = join(__dirname, 'exit-reaper.fixture.ts');

jest.setTimeout(30_000);

function runFixture(mode: 'exit' | 'SIGTERM'): Promise<{ pgid: number; signal: NodeJS.Signals | null }> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--import', 'tsx', FIXTURE, mode], { cwd: REPO_ROOT, timeout: 25_000 }, (error, stdout) => {
      const pgid = Number(/pgid (\d+)/.exec(stdout)?.[1]);
      if (!pgid) reject(error ?? new Error(`fixture printed no pgid: ${stdout}`));
      else resolve({ pgid, signal: error && 'signal' in error ? (error.signal as NodeJS.Signals | null) : null });
    });
  });
}

/** The group receives its signal synchronously, but dying takes the kernel a moment. */
async function settled(pgid: number): Promise<boolean> {
  for (let attempt = 0; attempt < 100 && processGroupAlive(pgid); attempt++) await sleep(50);
  return processGroupAlive(pgid);
}

describe('process group reaper', () => {
  it('kills a still-running emulator when its Node process exits without stopping it', async () => {
    // when a process starts an emulator and exits
    const { pgid } = await runFixture('exit');

    // then the emulator's group does not outlive it
    expect(await settled(pgid)).toBe(false);
  });

  it('kills it on SIGTERM and keeps the default termination of the Node process', async () => {
    // when the owning process is terminated by a signal
    const { pgid, signal } = await runFixture('SIGTERM');

    // then it still dies of that signal, taking the emulator with it
    expect(signal).toBe('SIGTERM');
    expect(await settled(pgid)).toBe(false);
  });
});
