import { auditEntry } from '../domain/audit-entry';
import { openCase } from '../domain/compliance-case';
import { COMPLIANCE_COLLECTIONS } from '../application/compliance.store';
import { InMemoryComplianceStore } from './compliance.memory-store';
import { ContextRecordExistsError, contextRecord, InvalidContextRecordError } from '../../shared/context-record';
import { AML_REPORT } from '../application/compliance.records';

describe('InMemoryComplianceStore', () => {
  it('given a body with a side effect, when the transaction commits, then the body ran twice and only the last run is written', async () => {
    const store = new InMemoryComplianceStore();
    const runs: string[] = [];
    const committedId = await store.transaction(async (tx) => {
      const entry = auditEntry({ actor: 'staff:ann', action: 'case.note_added', subject: 'cases/case_1', reason: 'a note', details: {} }, 1_000);
      runs.push(entry.id);
      tx.appendAudit(entry);
      return entry.id;
    });
    expect(runs).toHaveLength(2);
    expect(committedId).toBe(runs[1]);
    const written = store.all<{ id: string }>(COMPLIANCE_COLLECTIONS.auditOutbox).map((e) => e.id);
    expect(written).toEqual([runs[1]]);
    expect(store.writeCount).toBe(1);
  });

  it('given an audit entry already written, when another transaction appends one with the same id, then that commit is refused and writes nothing (Firestore create)', async () => {
    const store = new InMemoryComplianceStore();
    const entry = auditEntry({ actor: 'staff:ann', action: 'case.note_added', subject: 'cases/case_1', reason: 'a note', details: {} }, 1_000);
    await store.transaction(async (tx) => tx.appendAudit(entry));
    await expect(
      store.transaction(async (tx) => {
        tx.saveCase(openCase({ id: 'case_x', kind: 'aml_alert', priority: 'normal', subject: 'customers/c1', merchantId: 'acct_1', livemode: false, summary: 'x', details: {} }, 1_000));
        tx.appendAudit({ ...entry, reason: 'rewritten' });
      }),
    ).rejects.toThrow(ContextRecordExistsError);
    expect(store.all<{ reason: string }>(COMPLIANCE_COLLECTIONS.auditOutbox).map((e) => e.reason)).toEqual(['a note']);
    expect(store.doc(COMPLIANCE_COLLECTIONS.cases, 'case_x')).toBeNull();
  });

  const report = { id: 'ctr_c1_2026-01-02', type: 'CTR' as const, livemode: false, customerKey: 'c1', day: '2026-01-02', totalUsdCents: 1_000_000, caseId: 'case_1', ruleVersion: 'aml@1', atMs: 1 };

  it('given a report of a given id, when filed again, then it is refused; an invalid report is refused before staging', async () => {
    const store = new InMemoryComplianceStore();
    await store.transaction(async (tx) => tx.create(contextRecord(AML_REPORT, report.id, report)));
    await expect(store.transaction(async (tx) => tx.create(contextRecord(AML_REPORT, report.id, { ...report, totalUsdCents: 5 })))).rejects.toThrow(ContextRecordExistsError);
    await expect(store.transaction(async (tx) => tx.create(contextRecord(AML_REPORT, 'ctr_c2_2026-01-02', { ...report, id: 'ctr_c2_2026-01-02', day: 'yesterday' })))).rejects.toThrow(InvalidContextRecordError);
    expect(store.all<{ totalUsdCents: number }>(COMPLIANCE_COLLECTIONS.reports).map((r) => r.totalUsdCents)).toEqual([1_000_000]);
  });
});
