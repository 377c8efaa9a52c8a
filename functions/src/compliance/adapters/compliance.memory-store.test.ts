import { auditEntry } from '../domain/audit-entry';
import { COMPLIANCE_COLLECTIONS } from '../application/compliance.store';
import { InMemoryComplianceStore } from './compliance.memory-store';

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
    const written = store.all<{ id: string }>(COMPLIANCE_COLLECTIONS.auditLog).map((e) => e.id);
    expect(written).toEqual([runs[1]]);
    expect(store.writeCount).toBe(1);
  });
});
