import { InMemoryPaymentRepository } from '../../payments/adapters/payment.memory-repository';
import { runPaymentGate } from '../../payments/application/run-payment-gate.command';
import { aPayment, T0 } from '../../payments/application/testing/payment-builders';
import { fixedClock } from '../../shared/clock';
import { AuditEntry } from '../domain/audit-entry';
import { ComplianceCase } from '../domain/compliance-case';
import { COMPLIANCE_COLLECTIONS } from './compliance.store';
import { sanctionsGate } from './sanctions-payment.gate';
import { brokenLists, merchantsIn, TEST_INDEX, testLists } from './testing/compliance-fixtures';

const gate = (merchantCountry: string | undefined = 'US', lists = testLists) => sanctionsGate({ lists, merchants: merchantsIn(merchantCountry), clock: fixedClock(T0) });
const paymentFrom = (name: string | undefined, country: string | undefined) => aPayment({ customer: { name, country } });
const recordsIn = (collection: string, records: ReadonlyArray<{ collection: string; data: object }> = []) => records.filter((r) => r.collection === collection).map((r) => r.data);

describe('sanctions gate: which payments are screened', () => {
  it('given a domestic payment, when checked, then it passes unscreened with nothing recorded', async () => {
    const verdict = await gate('US').check(paymentFrom('Dragan Petrovic', 'US'));
    expect(verdict).toEqual({ decision: 'pass' });
  });

  it('given a merchant without a country, then the default US decides what is domestic', async () => {
    expect(await gate(undefined).check(paymentFrom('Dragan Petrovic', 'US'))).toEqual({ decision: 'pass' });
    expect((await gate(undefined).check(paymentFrom('Dragan Petrovic', 'RS'))).decision).toBe('block');
  });

  it('given a cross-border payment without a customer name, then it passes unscreened', async () => {
    expect(await gate('US').check(paymentFrom(undefined, 'RS'))).toEqual({ decision: 'pass' });
  });

  it('given an unknown customer country, then the payment is screened (it cannot be shown domestic)', async () => {
    expect((await gate('US').check(paymentFrom('Dragan Petrovic', undefined))).decision).toBe('block');
  });
});

describe('sanctions gate: decisions', () => {
  it('given a strong hit, then the payment is blocked with compliance_blocked, a high-priority case and audit entries', async () => {
    const verdict = await gate().check(paymentFrom('Dragan Petrovic', 'RS'));
    expect(verdict).toMatchObject({ decision: 'block', code: 'compliance_blocked' });
    const [screening] = recordsIn(COMPLIANCE_COLLECTIONS.screenings, verdict.records);
    expect(screening).toMatchObject({ paymentId: 'pay_test1', decision: 'block', listVersion: TEST_INDEX.list.listVersion, matches: [expect.objectContaining({ entityId: 2, strength: 'strong' })] });
    const [hit] = recordsIn(COMPLIANCE_COLLECTIONS.cases, verdict.records) as ComplianceCase[];
    expect(hit).toMatchObject({ kind: 'sanctions_hit', status: 'open', priority: 'high', subject: 'payments/pay_test1' });
    const audit = recordsIn(COMPLIANCE_COLLECTIONS.auditLog, verdict.records) as AuditEntry[];
    expect(audit.map((e) => e.action)).toEqual(['sanctions.screened', 'case.opened']);
    expect(audit[1].subject).toBe(`cases/${hit.id}`);
  });

  it('given a weak hit, then the payment is held for review (never passes) and a normal-priority case is opened', async () => {
    const verdict = await gate().check(paymentFrom('Milorad Kovacevik', 'RS'));
    expect(verdict.decision).toBe('review');
    expect(recordsIn(COMPLIANCE_COLLECTIONS.cases, verdict.records)).toEqual([expect.objectContaining({ priority: 'normal', details: expect.objectContaining({ paymentBlocked: false }) })]);
  });

  it('given no hit, then the payment passes with the screening and its audit entry recorded', async () => {
    const verdict = await gate().check(paymentFrom('Emily Thornton', 'GB'));
    expect(verdict.decision).toBe('pass');
    expect(recordsIn(COMPLIANCE_COLLECTIONS.screenings, verdict.records)).toEqual([expect.objectContaining({ decision: 'clear', matches: [] })]);
    expect(recordsIn(COMPLIANCE_COLLECTIONS.cases, verdict.records)).toEqual([]);
    expect(recordsIn(COMPLIANCE_COLLECTIONS.auditLog, verdict.records)).toHaveLength(1);
  });

  it('given the list cannot be loaded, then the check throws so the task retries (nothing passes unscreened)', async () => {
    await expect(gate('US', brokenLists).check(paymentFrom('Emily Thornton', 'GB'))).rejects.toThrow('list not loaded');
  });
});

describe('sanctions gate run by the gate runner', () => {
  it('given a strong hit, then the payment fails and the screening, case and audit entries commit with it', async () => {
    const payments = new InMemoryPaymentRepository();
    await payments.transaction(async (tx) => tx.savePayment(paymentFrom('Dragan Petrovic', 'RS')));
    await runPaymentGate({ payments, clock: fixedClock(T0) }, gate(), 'pay_test1');
    const failed = await payments.getPayment('pay_test1');
    expect(failed).toMatchObject({ status: 'failed', lastError: { code: 'compliance_blocked' } });
    expect(payments.record(COMPLIANCE_COLLECTIONS.screenings, 'pay_test1')).toMatchObject({ decision: 'block' });
  });

  it('given a weak hit, then the payment is held by the sanctions gate with the case committed', async () => {
    const payments = new InMemoryPaymentRepository();
    await payments.transaction(async (tx) => tx.savePayment(paymentFrom('Milorad Kovacevik', 'RS')));
    await runPaymentGate({ payments, clock: fixedClock(T0) }, gate(), 'pay_test1');
    expect(await payments.getPayment('pay_test1')).toMatchObject({ status: 'requires_review', reviewGate: 'sanctions' });
    expect(payments.record(COMPLIANCE_COLLECTIONS.screenings, 'pay_test1')).toMatchObject({ decision: 'review' });
  });
});
