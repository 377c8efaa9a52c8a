import { createLogger } from '../../shared/logger';
import { COMPLIANCE_COLLECTIONS } from './compliance.store';
import { InMemoryAuditArchive, InMemoryComplianceStore } from '../adapters/compliance.memory-store';
import { auditEntry, AuditEntry } from '../domain/audit-entry';
import type { AuditArchive } from './audit-trail';
import { relayAuditLog } from './relay-audit-log.command';

const log = createLogger({}, () => undefined);
const entry = (n: number): AuditEntry => auditEntry({ actor: 'staff:ana', action: 'case.note_added', subject: `cases/cas_${n}`, reason: `note ${n}`, details: { n } }, 1_000 + n);

async function committed(count: number) {
  // given entries committed with their changes, as every context writes them (audit outbox, create-only)
  const store = new InMemoryComplianceStore();
  const entries = Array.from({ length: count }, (_, i) => entry(i));
  await store.transaction(async (tx) => entries.forEach((e) => tx.appendAudit(e)));
  return { store, entries };
}

const waiting = (store: InMemoryComplianceStore) => store.all<AuditEntry>(COMPLIANCE_COLLECTIONS.auditOutbox);

describe('relay-audit-log', () => {
  it('archives every committed entry unchanged, oldest first, and empties the outbox', async () => {
    const { store, entries } = await committed(450);
    const archive = new InMemoryAuditArchive();
    // when the relay runs
    const result = await relayAuditLog({ outbox: store.auditOutbox, archive, log, nowMs: () => 0 });
    // then every entry is in the archive as committed, and none waits any more
    expect(result).toEqual({ appended: 450, alreadyArchived: 0, more: false });
    const listed = await archive.list({ limit: 500 });
    expect(listed.data).toEqual([...entries].reverse());
    expect(waiting(store)).toEqual([]);
  });

  it('after a crash between archiving and removing, the next run removes without archiving twice', async () => {
    const { store, entries } = await committed(3);
    const archive = new InMemoryAuditArchive();
    // given a run that archived the entries and died before removing them from the outbox
    for (const e of entries) await archive.append(e);
    // when the next run comes
    const result = await relayAuditLog({ outbox: store.auditOutbox, archive, log, nowMs: () => 0 });
    // then the archive still holds each entry once and the outbox is empty
    expect(result).toEqual({ appended: 0, alreadyArchived: 3, more: false });
    expect((await archive.list({ limit: 10 })).data).toHaveLength(3);
    expect(waiting(store)).toEqual([]);
  });

  it('when the archive fails midway, what was archived leaves the outbox, the rest waits, and the run fails', async () => {
    const { store, entries } = await committed(5);
    const inner = new InMemoryAuditArchive();
    let calls = 0;
    const flaky: AuditArchive = {
      append: (e) => (++calls === 3 ? Promise.reject(new Error('UNAVAILABLE')) : inner.append(e)),
      list: (f) => inner.list(f),
    };
    // when the relay runs against an archive that fails on the third entry
    await expect(relayAuditLog({ outbox: store.auditOutbox, archive: flaky, log, nowMs: () => 0 })).rejects.toThrow('UNAVAILABLE');
    // then the first two are archived and gone from the outbox, the other three wait
    expect((await inner.list({ limit: 10 })).data.map((e) => e.id).sort()).toEqual([entries[0]!.id, entries[1]!.id].sort());
    expect(waiting(store).map((e) => e.id).sort()).toEqual(entries.slice(2).map((e) => e.id).sort());
    // and the next run archives the rest
    await relayAuditLog({ outbox: store.auditOutbox, archive: inner, log, nowMs: () => 0 });
    expect((await inner.list({ limit: 10 })).data).toHaveLength(5);
    expect(waiting(store)).toEqual([]);
  });

  it('stops at its time budget with entries left, for the next run', async () => {
    const { store } = await committed(450);
    const archive = new InMemoryAuditArchive();
    let now = 0;
    // given a clock that passes the budget during the first batch
    const result = await relayAuditLog({ outbox: store.auditOutbox, archive, log, nowMs: () => (now += 50_000) });
    // then one batch is archived and the run says there is more
    expect(result).toEqual({ appended: 200, alreadyArchived: 0, more: true });
    expect(waiting(store)).toHaveLength(250);
  });
});
