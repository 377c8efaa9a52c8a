import { PaymentEventV1 } from '../../contracts/payment-events.v1';
import { InMemoryPaymentRepository } from '../../payments/adapters/payment.memory-repository';
import { aSucceededPayment, T0 } from '../../payments/application/testing/payment-builders';
import { Payment } from '../../payments/domain/payment';
import { fixedClock } from '../../shared/clock';
import { InMemoryComplianceStore } from '../adapters/compliance.memory-store';
import { compileAmlRules, PLATFORM_AML_RULES } from '../domain/aml-rules';
import { AuditEntry } from '../domain/audit-entry';
import { ComplianceCase } from '../domain/compliance-case';
import { HIGH_RISK_JURISDICTIONS } from '../../shared/high-risk-jurisdictions';
import { COMPLIANCE_COLLECTIONS } from './compliance.store';
import { customerKeyOf, monitorTransaction } from './monitor-transactions.command';
import { merchantsIn } from './testing/compliance-fixtures';

const HOUR = 3_600_000;
const EMAIL = 'ana@example.com';

// A hand-made history: each step is a captured payment (USD cents) or a refund, at an offset from T0.
type Step = { pay: number; atHours: number; country?: string; currency?: string; email?: string | null; livemode?: boolean; fingerprint?: string } | { refundOf: number; atHours: number };

/** The AML key of a customer known by e-mail, in test mode unless told otherwise. */
const keyOfEmail = (email: string, livemode = false) => customerKeyOf({ id: 'pay_any', livemode, customer: { email }, authorization: null }).key;

async function monitorHistory(steps: Step[], options: { redeliver?: boolean } = {}) {
  const payments = new InMemoryPaymentRepository();
  const store = new InMemoryComplianceStore();
  const deps = { payments, store, merchants: merchantsIn('US'), clock: fixedClock(T0), amlRules: compileAmlRules(PLATFORM_AML_RULES), highRiskJurisdictions: HIGH_RISK_JURISDICTIONS.countries };
  const outcomes: string[] = [];
  for (const [i, step] of steps.entries()) {
    const time = new Date(T0 + step.atHours * HOUR).toISOString();
    let event: PaymentEventV1;
    if ('pay' in step) {
      const base = aSucceededPayment();
      const email = step.email === null ? undefined : (step.email ?? EMAIL);
      const authorization = base.authorization && step.fingerprint !== undefined ? { ...base.authorization, card: { ...base.authorization.card, fingerprint: step.fingerprint } } : base.authorization;
      const payment: Payment = aSucceededPayment({ id: `pay_${i}`, amount: step.pay, amountCaptured: step.pay, currency: step.currency ?? 'usd', livemode: step.livemode ?? false, authorization, customer: { ...(email ? { email } : {}), country: step.country ?? 'US' } });
      await payments.transaction(async (tx) => tx.savePayment(payment));
      event = { id: `evt_${i}`, type: 'payment.succeeded', time, subject: payment.id, data: { payment_id: payment.id, merchant_id: payment.merchantId, amount: step.pay, currency: payment.currency } };
    } else {
      const paymentId = `pay_${step.refundOf}`;
      const payment = (await payments.getPayment(paymentId))!;
      await payments.transaction(async (tx) =>
        tx.saveRefund({ id: `re_${i}`, paymentId, merchantId: payment.merchantId, livemode: false, amount: payment.amount, currency: payment.currency, status: 'succeeded', processorRefundId: null, failureReason: null, metadata: {}, createdMs: T0, updatedMs: T0 }),
      );
      event = { id: `evt_${i}`, type: 'refund.succeeded', time, subject: paymentId, data: { payment_id: paymentId, merchant_id: payment.merchantId, refund_id: `re_${i}` } };
    }
    const outcome = await monitorTransaction(deps, event);
    outcomes.push(outcome.kind === 'done' ? (outcome.detail ?? '') : outcome.reason);
    if (options.redeliver) {
      const again = await monitorTransaction(deps, event);
      outcomes.push(again.kind === 'done' ? (again.detail ?? '') : again.reason);
    }
  }
  const cases = store.all<ComplianceCase>(COMPLIANCE_COLLECTIONS.cases);
  const rulesRaised = cases.map((c) => c.details.rule as string).sort();
  return { store, cases, rulesRaised, outcomes, audit: store.all<AuditEntry>(COMPLIANCE_COLLECTIONS.auditOutbox) };
}

describe('AML monitoring on hand-made histories', () => {
  it('given payments summing to 10,000 USD in one day, then one CTR-like report and one case, however many payments follow', async () => {
    const { rulesRaised, store } = await monitorHistory([{ pay: 600_000, atHours: 0 }, { pay: 400_000, atHours: 1 }, { pay: 500_000, atHours: 2 }]);
    expect(rulesRaised).toEqual(['daily_total_ctr']);
    const [report] = store.all<{ type: string; totalUsdCents: number }>(COMPLIANCE_COLLECTIONS.reports);
    expect(report).toMatchObject({ type: 'CTR', totalUsdCents: 1_000_000 });
  });

  it('given 9,999 USD in a day, then nothing is raised', async () => {
    expect((await monitorHistory([{ pay: 500_000, atHours: 0 }, { pay: 499_900, atHours: 1 }])).rulesRaised).toEqual([]);
  });

  it('given amounts in another currency, then they are converted to USD before the threshold applies', async () => {
    // 9,300 EUR is about 10,044 USD at the reference rate.
    expect((await monitorHistory([{ pay: 930_000, atHours: 0, currency: 'eur' }])).rulesRaised).toEqual(['daily_total_ctr']);
  });

  it('given three payments of 8,000 to 9,999 USD within 24 hours across midnight, then structuring is raised once', async () => {
    // T0 is noon UTC: the payments fall on two calendar days but within one 24-hour window.
    const { rulesRaised } = await monitorHistory([{ pay: 950_000, atHours: 0 }, { pay: 900_000, atHours: 11 }, { pay: 850_000, atHours: 20 }, { pay: 860_000, atHours: 21 }]);
    expect(rulesRaised.filter((r) => r === 'structuring')).toHaveLength(1);
  });

  it('given the same three payments spread over more than 24 hours, then no structuring alert', async () => {
    const { rulesRaised } = await monitorHistory([{ pay: 950_000, atHours: 0 }, { pay: 900_000, atHours: 13 }, { pay: 850_000, atHours: 25 }]);
    expect(rulesRaised).not.toContain('structuring');
  });

  it('given a refund 30 minutes after capture, then an alert; after two hours, none', async () => {
    expect((await monitorHistory([{ pay: 10_000, atHours: 0 }, { refundOf: 0, atHours: 0.5 }])).rulesRaised).toEqual(['refund_soon_after_capture']);
    expect((await monitorHistory([{ pay: 10_000, atHours: 0 }, { refundOf: 0, atHours: 2 }])).rulesRaised).toEqual([]);
  });

  it('given a customer in a high-risk jurisdiction, then an alert per payment', async () => {
    const { rulesRaised } = await monitorHistory([{ pay: 10_000, atHours: 0, country: 'IR' }, { pay: 10_000, atHours: 1, country: 'IR' }, { pay: 10_000, atHours: 2, country: 'GB' }]);
    expect(rulesRaised).toEqual(['high_risk_jurisdiction', 'high_risk_jurisdiction']);
  });

  it('given every event delivered twice, then the second delivery changes nothing', async () => {
    const once = await monitorHistory([{ pay: 600_000, atHours: 0 }, { pay: 400_000, atHours: 1 }]);
    const twice = await monitorHistory([{ pay: 600_000, atHours: 0 }, { pay: 400_000, atHours: 1 }], { redeliver: true });
    expect(twice.outcomes.filter((o) => o === 'duplicate_event')).toHaveLength(2);
    expect(twice.cases).toHaveLength(once.cases.length);
    expect(twice.audit).toHaveLength(once.audit.length);
    const day = twice.store.doc(COMPLIANCE_COLLECTIONS.customerDays, `${keyOfEmail(EMAIL)}_2025-01-15`);
    expect(day).toMatchObject({ totalUsdCents: 1_000_000, paymentCount: 2 });
  });

  it('given a succeeded payment that raises nothing, then it costs two writes and a redelivery costs none', async () => {
    const once = await monitorHistory([{ pay: 10_000, atHours: 0 }]);
    expect(once.store.writeCount).toBe(2);
    const twice = await monitorHistory([{ pay: 10_000, atHours: 0 }], { redeliver: true });
    expect(twice.outcomes).toEqual(['no_alert', 'duplicate_event']);
    expect(twice.store.writeCount).toBe(2);
  });

  it('given a refund delivered twice, then it is applied once and its alert raised once', async () => {
    const { outcomes, rulesRaised, audit } = await monitorHistory([{ pay: 10_000, atHours: 0 }, { refundOf: 0, atHours: 0.5 }], { redeliver: true });
    expect(outcomes).toEqual(['no_alert', 'duplicate_event', 'alerts_raised:1', 'duplicate_event']);
    expect(rulesRaised).toEqual(['refund_soon_after_capture']);
    expect(audit.filter((e) => e.action === 'aml.alert_raised')).toHaveLength(1);
  });

  it('when an alert is raised, then the audit log records the alert, the case and the report with the rule version', async () => {
    const { audit } = await monitorHistory([{ pay: 1_000_000, atHours: 0 }]);
    expect(audit.map((e) => e.action).sort()).toEqual(['aml.alert_raised', 'aml.report_filed', 'case.opened']);
    expect(audit.find((e) => e.action === 'aml.alert_raised')).toMatchObject({ actor: 'system:monitor-transactions', details: expect.objectContaining({ ruleVersion: 'aml@1' }) });
  });

  it('given a customer email in any case, then it is one customer and stored only as a hash', () => {
    expect(keyOfEmail(' Ana@Example.com ')).toBe(keyOfEmail(EMAIL));
    expect(keyOfEmail(EMAIL)).not.toContain('ana');
  });

  it('given payments without an e-mail on one card summing to 10,000 USD, then the card is the customer and the report is filed', async () => {
    // These used to be skipped: no e-mail, no monitoring.
    const { rulesRaised, cases } = await monitorHistory([{ pay: 600_000, atHours: 0, email: null, fingerprint: 'fp_mule' }, { pay: 400_000, atHours: 1, email: null, fingerprint: 'fp_mule' }]);
    expect(rulesRaised).toEqual(['daily_total_ctr']);
    expect(cases[0].details).toMatchObject({ customerBasis: 'card' });
  });

  it('given a payment with neither e-mail nor card, then it is still monitored on its own', async () => {
    const payment = { ...aSucceededPayment({ id: 'pay_bare', customer: null }), authorization: null };
    expect(customerKeyOf(payment)).toMatchObject({ basis: 'payment' });
    const { rulesRaised, outcomes } = await monitorHistory([{ pay: 1_000_000, atHours: 0, email: null, country: 'IR' }]);
    expect(outcomes[0]).toMatch(/^alerts_raised/);
    expect(rulesRaised).toEqual(['daily_total_ctr', 'high_risk_jurisdiction']);
  });

  it('given the same customer paying in test and in live mode, then the totals never mix', async () => {
    const { rulesRaised, store } = await monitorHistory([{ pay: 600_000, atHours: 0, livemode: false }, { pay: 600_000, atHours: 1, livemode: true }]);
    expect(rulesRaised).toEqual([]);
    expect(keyOfEmail(EMAIL, true)).not.toBe(keyOfEmail(EMAIL, false));
    expect(store.doc(COMPLIANCE_COLLECTIONS.customerDays, `${keyOfEmail(EMAIL, false)}_2025-01-15`)).toMatchObject({ totalUsdCents: 600_000 });
    expect(store.doc(COMPLIANCE_COLLECTIONS.customerDays, `${keyOfEmail(EMAIL, true)}_2025-01-15`)).toMatchObject({ totalUsdCents: 600_000 });
  });

  it('given an event that claims live mode for a test payment, then it is dropped and nothing is counted', async () => {
    const payments = new InMemoryPaymentRepository();
    const store = new InMemoryComplianceStore();
    const deps = { payments, store, merchants: merchantsIn('US'), clock: fixedClock(T0), amlRules: compileAmlRules(PLATFORM_AML_RULES), highRiskJurisdictions: HIGH_RISK_JURISDICTIONS.countries };
    const payment = aSucceededPayment({ id: 'pay_mode', amount: 1_000_000, amountCaptured: 1_000_000, livemode: false });
    await payments.transaction(async (tx) => tx.savePayment(payment));
    const event: PaymentEventV1 = { id: 'evt_mode', type: 'payment.succeeded', time: new Date(T0).toISOString(), subject: payment.id, data: { payment_id: payment.id, merchant_id: payment.merchantId, livemode: true, amount: 1_000_000, currency: 'usd' } };
    const outcome = await monitorTransaction(deps, event);
    expect(outcome).toMatchObject({ kind: 'dropped', reason: 'mode_mismatch' });
    expect(store.all(COMPLIANCE_COLLECTIONS.customerDays)).toEqual([]);
    expect(store.all(COMPLIANCE_COLLECTIONS.cases)).toEqual([]);
    // An older event without the field is still monitored, in the payment's own mode.
    const { livemode: _claimed, ...olderData } = event.data;
    expect(await monitorTransaction(deps, { ...event, data: olderData })).toMatchObject({ kind: 'done' });
    expect(store.doc(COMPLIANCE_COLLECTIONS.customerDays, `${customerKeyOf(payment).key}_2025-01-15`)).toMatchObject({ totalUsdCents: 1_000_000 });
    expect(customerKeyOf(payment).key.startsWith('test_')).toBe(true);
  });

  it('given a live report, then it says it is live; the alert records the rates version', async () => {
    const { store, cases } = await monitorHistory([{ pay: 1_000_000, atHours: 0, livemode: true }]);
    expect(store.all<{ livemode: boolean }>(COMPLIANCE_COLLECTIONS.reports)[0].livemode).toBe(true);
    expect(cases[0]).toMatchObject({ livemode: true, details: expect.objectContaining({ ratesVersion: 'ref-rates@2026-11' }) });
  });
});
