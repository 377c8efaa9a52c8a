import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { identityHarness, pendingKyc } from '../application/testing/identity-harness';
import { NO_RECORDS } from '../application/verification-decision.records';

describe('MemoryVerificationRepository', () => {
  it('given a change with a side effect, when the update commits, then the change and its records ran twice and the last result is stored', async () => {
    const h = identityHarness(mkdtempSync(path.join(tmpdir(), 'kek-')));
    const v = await pendingKyc(h);
    const changes: number[] = [];
    const recorded: number[] = [];
    const saved = await h.verifications.update(
      v.id,
      (current) => {
        changes.push(changes.length + 1);
        return { ...current, updatedMs: current.updatedMs + changes.length };
      },
      () => (recorded.push(1), NO_RECORDS),
    );
    expect(changes).toEqual([1, 2]);
    expect(recorded).toHaveLength(2);
    expect(saved?.updatedMs).toBe(v.updatedMs + 2);
    expect((await h.verifications.get(v.id))?.updatedMs).toBe(v.updatedMs + 2);
  });
});
