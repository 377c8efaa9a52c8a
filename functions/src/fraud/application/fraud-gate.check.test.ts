import { MERCHANT } from '../../payments/application/testing/payment-builders';
import { createRadarRule } from './radar-rules.command';
import { fraudHarness } from './testing/fraud-harness';

const customer = (n: number) => ({ email: `buyer${n}@example.com`, ip: `198.51.100.${n}`, country: 'US' });

describe('fraud gate in the payment chain', () => {
  it('given an ordinary payment, when it is scored, then it succeeds showing its risk and the assessment is kept', async () => {
    const f = fraudHarness();
    const id = await f.pay({ customer: customer(1) });
    const payment = await f.h.payments.getPayment(id);
    expect(payment).toMatchObject({ status: 'succeeded', risk: { decision: 'allow', level: 'normal' } });
    expect(f.h.payments.record('risk_assessments', id)).toMatchObject({ decision: 'allow', ruleVersion: 'platform@1', modelVersion: expect.any(String) });
  });

  it('given one IP trying many cards, when the attack runs, then later payments are held or blocked with fraud_blocked', async () => {
    const f = fraudHarness();
    const statuses: string[] = [];
    for (let n = 0; n < 15; n++) {
      const id = await f.pay({ amount: 100, payment_method: `pm_card_visa_us_${n}`, customer: { ip: '203.0.113.9' } });
      statuses.push((await f.h.payments.getPayment(id))!.status);
    }
    expect(statuses.slice(0, 2)).toEqual(['succeeded', 'succeeded']);
    expect(statuses.slice(-5).every((s) => s === 'failed' || s === 'requires_review')).toBe(true);
    const last = f.h.payments.allPayments().filter((p) => p.status === 'failed').at(-1);
    expect(last?.lastError?.code).toBe('fraud_blocked');
  });

  it('given a merchant rule amount > 50000 → review, when a large payment arrives, then it waits for review and records the merchant version', async () => {
    const f = fraudHarness();
    const rule = await createRadarRule(f.radar, MERCHANT.merchantId, { expression: 'amount > 50000', action: 'review' });
    expect(rule.ok).toBe(true);
    const id = await f.pay({ amount: 60_000, customer: customer(2) });
    expect(await f.h.payments.getPayment(id)).toMatchObject({ status: 'requires_review', reviewGate: 'fraud', risk: { decision: 'review' } });
    expect(f.h.payments.record('risk_assessments', id)).toMatchObject({ ruleVersion: `merchant:${MERCHANT.merchantId}@1` });
  });

  it('given a redelivered gate task after the count, when it runs again, then the payment is counted once and scored the same', async () => {
    const f = fraudHarness();
    const id = await f.pay({ customer: customer(3) });
    const first = await f.history.recordedHistory(id);
    const count = f.history.counters.documentCount();
    const payment = (await f.h.payments.getPayment(id))!;
    const again = await f.gate.check({ ...payment, status: 'processing', stage: 'gates', gatesPassed: [] });
    expect(again.decision).toBe('pass');
    expect(await f.history.recordedHistory(id)).toEqual(first);
    expect(f.history.counters.documentCount()).toBe(count);
    expect(f.history.counters.historyFor({ paymentId: 'x', merchantId: MERCHANT.merchantId, merchantCountry: 'US', amountMinor: 1, currency: 'USD', card: { fingerprint: 'fp_pm_card_visa', country: 'US', brand: 'visa' }, customer: {} }, payment.createdMs).velocity.card?.['10m']?.count).toBe(1);
  });

  it('given the card lookup fails, when the gate runs, then the task throws to be retried and the payment is not authorised', async () => {
    const f = fraudHarness();
    f.cards.failNext = 1;
    await expect(f.pay({ customer: customer(4) })).rejects.toThrow('card lookup unavailable');
    const [held] = f.h.payments.allPayments();
    expect(held).toMatchObject({ status: 'processing', stage: 'gates' });
    expect(held.risk ?? null).toBeNull();
    expect(f.h.processor.calls).toEqual([]);
  });

  it('given a known-bad card, when it pays again, then it is blocked', async () => {
    const f = fraudHarness();
    await f.history.markKnownBad({ cardFingerprint: 'fp_pm_card_visa_gb_7' });
    const id = await f.pay({ payment_method: 'pm_card_visa_gb_7', customer: customer(5) });
    expect(await f.h.payments.getPayment(id)).toMatchObject({ status: 'failed', lastError: { code: 'fraud_blocked' }, risk: { decision: 'block' } });
  });
});
