import { spawnSync } from 'node:child_process';

/**
 * Test helper: whether any live process of the group remains, asked of `ps` so the check does not
 * share code with the implementation under test. Zombies awaiting reaping by init are ignored.
 */
export function processGroupAlive(pgid: number): boolean {
  const result = spawnSync('ps', ['-e', '-o', 'pgid=,stat='], { encoding: 'utf8' });
  return result.stdout
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .some(([group, state]) => Number(group) === pgid && state !== undefined && !state.startsWith('Z'));
}
