import { fixedClock } from '../../shared/clock';
import { InMemoryComplianceStore } from '../adapters/compliance.memory-store';
import { InMemoryStaffDirectory } from '../adapters/staff-directory.firestore';
import { AuditEntry } from '../domain/audit-entry';
import { openCase } from '../domain/compliance-case';
import { generateStaffKey, newStaffKeyRecord } from '../domain/staff-key';
import { authenticateStaff } from './authenticate-staff.query';
import { actOnCase } from './case-actions.command';
import { COMPLIANCE_COLLECTIONS } from './compliance.store';

const T0 = Date.UTC(2025, 0, 15, 12);

function storeWithCase() {
  const store = new InMemoryComplianceStore();
  const c = openCase({ id: 'case_1', kind: 'sanctions_hit', priority: 'high', subject: 'payments/pay_1', merchantId: 'acct_1', livemode: false, summary: 'Strong match', details: {} }, T0);
  store.put(COMPLIANCE_COLLECTIONS.cases, c.id, c);
  return { store, deps: { store, clock: fixedClock(T0 + 60_000) } };
}
const analyst = (staffId: string) => ({ staffId, role: 'analyst' as const });
const supervisor = (staffId: string) => ({ staffId, role: 'supervisor' as const });
const audit = (store: InMemoryComplianceStore) => store.all<AuditEntry>(COMPLIANCE_COLLECTIONS.auditOutbox).sort((a, b) => a.atMs - b.atMs);

describe('case actions', () => {
  it('when staff assign, annotate and resolve a case, then each action changes the case and writes one audit entry naming who and why', async () => {
    const { store, deps } = storeWithCase();
    expect(await actOnCase(deps, analyst('ria@bank.test'), 'case_1', { kind: 'assign', assignee: 'sam@bank.test' })).toMatchObject({ ok: true, value: { assignee: 'sam@bank.test' } });
    expect(await actOnCase(deps, analyst('sam@bank.test'), 'case_1', { kind: 'note', note: 'Date of birth differs from the listed entry.' })).toMatchObject({ ok: true, value: { notes: [{ author: 'staff:sam@bank.test' }] } });
    const resolved = await actOnCase(deps, analyst('sam@bank.test'), 'case_1', { kind: 'resolve', resolution: 'cleared', reason: 'False positive: different person.' });
    expect(resolved).toMatchObject({ ok: true, value: { status: 'resolved', resolution: { outcome: 'cleared', by: 'staff:sam@bank.test' } } });
    expect(audit(store).map((e) => [e.actor, e.action, e.subject])).toEqual([
      ['staff:ria@bank.test', 'case.assigned', 'cases/case_1'],
      ['staff:sam@bank.test', 'case.note_added', 'cases/case_1'],
      ['staff:sam@bank.test', 'case.resolved', 'cases/case_1'],
    ]);
    expect(audit(store)[2].reason).toBe('False positive: different person.');
  });

  it('given a resolved case, then it cannot be reassigned or resolved again, and nothing is audited for the refusal', async () => {
    const { store, deps } = storeWithCase();
    await actOnCase(deps, analyst('sam'), 'case_1', { kind: 'resolve', resolution: 'cleared', reason: 'False positive.' });
    expect(await actOnCase(deps, analyst('sam'), 'case_1', { kind: 'assign', assignee: 'ria' })).toMatchObject({ ok: false, error: { code: 'case_already_resolved' } });
    expect(await actOnCase(deps, supervisor('sue'), 'case_1', { kind: 'resolve', resolution: 'reported', reason: 'oops' })).toMatchObject({ ok: false, error: { code: 'case_already_resolved' } });
    expect(audit(store)).toHaveLength(1);
  });

  it('when an analyst resolves as reported, then it is only proposed; the same person cannot approve it, another analyst cannot, a different supervisor does', async () => {
    const { store, deps } = storeWithCase();
    const proposed = await actOnCase(deps, analyst('ria'), 'case_1', { kind: 'resolve', resolution: 'reported', reason: 'Matches the listed entity.' });
    expect(proposed).toMatchObject({ ok: true, value: { status: 'open', resolution: null, proposal: { outcome: 'reported', by: 'staff:ria' } } });
    expect(await actOnCase(deps, analyst('ria'), 'case_1', { kind: 'resolve', resolution: 'reported', reason: 'again' })).toMatchObject({ ok: false, error: { code: 'four_eyes_required' } });
    expect(await actOnCase(deps, analyst('sam'), 'case_1', { kind: 'resolve', resolution: 'reported', reason: 'me too' })).toMatchObject({ ok: false, error: { code: 'supervisor_required' } });
    const approved = await actOnCase(deps, supervisor('sue'), 'case_1', { kind: 'resolve', resolution: 'reported', reason: 'SAR filed.' });
    expect(approved).toMatchObject({ ok: true, value: { status: 'resolved', proposal: null, resolution: { outcome: 'reported', by: 'staff:sue', proposedBy: 'staff:ria' } } });
    expect(audit(store).map((e) => [e.actor, e.action])).toEqual([['staff:ria', 'case.report_proposed'], ['staff:sue', 'case.resolved']]);
    expect(audit(store)[1].details).toMatchObject({ proposedBy: 'staff:ria', approvedBy: 'staff:sue' });
  });

  it('given a supervisor who proposed a report, then they cannot approve their own proposal', async () => {
    const { deps } = storeWithCase();
    await actOnCase(deps, supervisor('sue'), 'case_1', { kind: 'resolve', resolution: 'reported', reason: 'Matches.' });
    expect(await actOnCase(deps, supervisor('sue'), 'case_1', { kind: 'resolve', resolution: 'reported', reason: 'Approve.' })).toMatchObject({ ok: false, error: { code: 'four_eyes_required' } });
  });

  it('given an unknown case, then case_not_found', async () => {
    const { deps } = storeWithCase();
    expect(await actOnCase(deps, analyst('sam'), 'case_nope', { kind: 'note', note: 'x' })).toMatchObject({ ok: false, error: { code: 'case_not_found' } });
  });
});

describe('staff authentication', () => {
  it('given a staff key, then the staff member is known; merchant keys, unknown and revoked keys get 401', async () => {
    const staff = new InMemoryStaffDirectory();
    const key = generateStaffKey();
    await staff.saveStaffKey(newStaffKeyRecord(key, 'ria@bank.test', T0));
    expect(await authenticateStaff(staff, `Bearer ${key}`)).toEqual({ ok: true, value: { staffId: 'ria@bank.test', role: 'analyst' } });
    for (const header of [undefined, `Bearer sk_test_${'A'.repeat(32)}`, `Bearer ${generateStaffKey()}`]) {
      expect(await authenticateStaff(staff, header)).toMatchObject({ ok: false, error: { status: 401, code: 'invalid_api_key' } });
    }
    await staff.saveStaffKey({ ...newStaffKeyRecord(key, 'ria@bank.test', T0), revoked: true });
    expect(await authenticateStaff(staff, `Bearer ${key}`)).toMatchObject({ ok: false });
  });
});
