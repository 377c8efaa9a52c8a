import { QUEUES } from '../../contracts/payment-tasks.v1';
import { InMemoryTaskQueue } from '../../platform/adapters/task-queue.memory';
import type { CardLookup } from '../../fraud/application/card-lookup.gateway';
import type { IpGeolocation } from '../../fraud/application/ip-geolocation';
import { InMemoryPaymentRepository } from '../../payments/adapters/payment.memory-repository';
import { runPaymentGate } from '../../payments/application/run-payment-gate.command';
import { aPayment, T0 } from '../../payments/application/testing/payment-builders';
import { fixedClock } from '../../shared/clock';
import type { ContextRecord } from '../../shared/context-record';
import { AuditEntry } from '../domain/audit-entry';
import { ComplianceCase } from '../domain/compliance-case';
import { COMPLIANCE_COLLECTIONS } from './compliance.store';
import { sanctionsGate } from './sanctions-payment.gate';
import { brokenLists, merchantsIn, TEST_INDEX, testLists } from './testing/compliance-fixtures';

// The processor knows each card's country (US unless told); the IP table knows a few documentation ranges.
const cardsIn = (country: string | null = 'US'): CardLookup => ({ lookup: async () => (country ? { fingerprint: 'fp_1', country, brand: 'visa' } : null) });
const IP_COUNTRIES: Record<string, string> = { '192.0.2.1': 'US', '198.51.100.1': 'GB', '203.0.113.200': 'KP' };
const geo: IpGeolocation = { countryOf: (ip) => IP_COUNTRIES[ip] ?? null };
const gate = (merchantCountry: string | undefined = 'US', lists = testLists, cardCountry: string | null = 'US') =>
  sanctionsGate({ lists, merchants: merchantsIn(merchantCountry), cards: cardsIn(cardCountry), geo, clock: fixedClock(T0) });
const paymentFrom = (name: string | undefined, country: string | undefined, ip?: string) => aPayment({ customer: { name, country, ip } });
const recordsIn = (collection: string, records: readonly ContextRecord[] = []) => records.filter((r) => r.kind.collection === collection).map((r) => r.data);

describe('sanctions gate: which payments are screened', () => {
  it('given a domestic payment, when checked, then it passes unscreened with nothing recorded', async () => {
    const verdict = await gate('US').check(paymentFrom('Dragan Petrovic', 'US'));
    expect(verdict).toEqual({ decision: 'pass' });
  });

  it('given a merchant without a country, then the default US decides what is domestic', async () => {
    expect(await gate(undefined).check(paymentFrom('Dragan Petrovic', 'US'))).toEqual({ decision: 'pass' });
    expect((await gate(undefined).check(paymentFrom('Dragan Petrovic', 'RS'))).decision).toBe('block');
  });

  it('given a cross-border payment without a customer name, then its jurisdictions are checked and recorded (name not screened)', async () => {
    const verdict = await gate('US').check(paymentFrom(undefined, 'RS'));
    expect(verdict.decision).toBe('pass');
    expect(recordsIn(COMPLIANCE_COLLECTIONS.screenings, verdict.records)).toEqual([expect.objectContaining({ decision: 'clear', screenedName: null, nameNotScreened: 'no_customer_name', customerCountry: 'RS', cardCountry: 'US' })]);
    expect(recordsIn(COMPLIANCE_COLLECTIONS.auditOutbox, verdict.records)).toHaveLength(1);
  });

  it('given a declared domestic customer with a foreign card, then the payment is cross-border and the name is screened', async () => {
    expect((await gate('US', testLists, 'RS').check(paymentFrom('Dragan Petrovic', 'US'))).decision).toBe('block');
  });

  it('given a declared domestic customer with a foreign IP, then the payment is cross-border and the name is screened', async () => {
    expect((await gate('US').check(paymentFrom('Dragan Petrovic', 'US', '198.51.100.1'))).decision).toBe('block');
    expect(await gate('US').check(paymentFrom('Dragan Petrovic', 'US', '192.0.2.1'))).toEqual({ decision: 'pass' });
  });

  it('given an unknown customer country, then the payment is screened (it cannot be shown domestic)', async () => {
    expect((await gate('US').check(paymentFrom('Dragan Petrovic', undefined))).decision).toBe('block');
  });
});

describe('sanctions gate: comprehensively sanctioned jurisdictions', () => {
  it.each([
    ['the customer country', () => gate('US').check(paymentFrom(undefined, 'IR')), 'customer', 'IR'],
    ['the card country', () => gate('US', testLists, 'CU').check(paymentFrom(undefined, 'US')), 'card', 'CU'],
    ['the IP country', () => gate('US').check(paymentFrom(undefined, 'US', '203.0.113.200')), 'ip', 'KP'],
    ['the merchant country', () => gate('SY').check(paymentFrom('Emily Thornton', 'GB')), 'merchant', 'SY'],
    ['a Crimean subdivision code', () => gate('US').check(paymentFrom(undefined, 'UA-43')), 'customer', 'UA-43'],
  ])('given %s is sanctioned, then the payment is blocked without a name, with the reason on the case and audit entry', async (_what, run, source, code) => {
    const verdict = await run();
    expect(verdict).toMatchObject({ decision: 'block', code: 'compliance_blocked' });
    const [hit] = recordsIn(COMPLIANCE_COLLECTIONS.cases, verdict.records) as ComplianceCase[];
    expect(hit).toMatchObject({ kind: 'sanctions_hit', priority: 'high', details: expect.objectContaining({ paymentBlocked: true, jurisdictions: [expect.objectContaining({ source, code })] }) });
    expect(hit.summary).toContain(code);
    const [screened] = recordsIn(COMPLIANCE_COLLECTIONS.auditOutbox, verdict.records) as AuditEntry[];
    expect(screened).toMatchObject({ action: 'sanctions.screened', details: expect.objectContaining({ decision: 'block' }) });
    expect(screened.reason).toContain(code);
  });

  it('given a card the processor does not know, then the other countries still decide', async () => {
    expect((await gate('US', testLists, null).check(paymentFrom(undefined, 'KP'))).decision).toBe('block');
    expect(await gate('US', testLists, null).check(paymentFrom('Emily Thornton', 'US'))).toEqual({ decision: 'pass' });
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
    const audit = recordsIn(COMPLIANCE_COLLECTIONS.auditOutbox, verdict.records) as AuditEntry[];
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
    expect(recordsIn(COMPLIANCE_COLLECTIONS.auditOutbox, verdict.records)).toHaveLength(1);
  });

  it('given the list cannot be loaded, then the check throws so the task retries (nothing passes unscreened)', async () => {
    await expect(gate('US', brokenLists).check(paymentFrom('Emily Thornton', 'GB'))).rejects.toThrow('list not loaded');
  });
});

describe('sanctions gate run by the gate runner', () => {
  it('given a strong hit, then the payment fails and the screening, case and audit entries commit with it', async () => {
    const payments = new InMemoryPaymentRepository();
    await payments.transaction(async (tx) => tx.savePayment(paymentFrom('Dragan Petrovic', 'RS')));
    await runPaymentGate({ payments, tasks: new InMemoryTaskQueue(), clock: fixedClock(T0), gates: [{ name: 'sanctions', queue: QUEUES.sanctions }] }, gate(), 'pay_test1');
    const failed = await payments.getPayment('pay_test1');
    expect(failed).toMatchObject({ status: 'failed', lastError: { code: 'compliance_blocked' } });
    expect(payments.record(COMPLIANCE_COLLECTIONS.screenings, 'pay_test1')).toMatchObject({ decision: 'block' });
  });

  it('given a weak hit, then the payment is held by the sanctions gate with the case committed', async () => {
    const payments = new InMemoryPaymentRepository();
    await payments.transaction(async (tx) => tx.savePayment(paymentFrom('Milorad Kovacevik', 'RS')));
    await runPaymentGate({ payments, tasks: new InMemoryTaskQueue(), clock: fixedClock(T0), gates: [{ name: 'sanctions', queue: QUEUES.sanctions }] }, gate(), 'pay_test1');
    expect(await payments.getPayment('pay_test1')).toMatchObject({ status: 'requires_review', reviewGate: 'sanctions' });
    expect(payments.record(COMPLIANCE_COLLECTIONS.screenings, 'pay_test1')).toMatchObject({ decision: 'review' });
  });
});
