import { MERCHANT } from '../../payments/application/testing/payment-builders';
import { momentsFromSums } from '../adapters/fraud-history.reads';
import { EMPTY_AMOUNT_STATS, addToAmountStats } from '../domain/fraud-signals';
import { recordFraudOutcome, reportFraud } from './fraud-feedback.command';
import { createRadarRule, deleteRadarRule, listRadarRules } from './radar-rules.command';
import { decideReview, expireReviews, listReviews, REVIEW_TTL_MS } from './reviews.command';
import { fraudHarness } from './testing/fraud-harness';

const failedEvent = (paymentId: string, code: string) => ({
  id: `evt_${paymentId}`, type: 'payment.failed' as const, time: new Date(0).toISOString(), subject: paymentId, data: { payment_id: paymentId, merchant_id: MERCHANT.merchantId, code },
});

describe('radar rules', () => {
  it('given a rule with a syntax error, when saved, then it is refused with invalid_rule and its position', async () => {
    const f = fraudHarness();
    const result = await createRadarRule(f.radar, MERCHANT.merchantId, { expression: 'amount >', action: 'block' });
    expect(result).toMatchObject({ ok: false, error: { status: 400, code: 'invalid_rule', param: 'expression', message: expect.stringContaining('line 1, column') } });
    expect((await listRadarRules(f.radar, MERCHANT.merchantId)).version).toBe(0);
  });

  it('given saved rules, when one is deleted, then each change is a new version and old versions stay readable', async () => {
    const f = fraudHarness();
    const first = await createRadarRule(f.radar, MERCHANT.merchantId, { expression: 'amount > 100', action: 'review' });
    await createRadarRule(f.radar, MERCHANT.merchantId, { expression: 'card_country == "RU"', action: 'block' });
    const deleted = first.ok ? await deleteRadarRule(f.radar, MERCHANT.merchantId, first.value.id) : first;
    expect(deleted).toMatchObject({ ok: true, value: { deleted: true, version: 3 } });
    expect((await listRadarRules(f.radar, MERCHANT.merchantId)).data.map((r) => r.expression)).toEqual(['card_country == "RU"']);
    expect(f.ruleSets.versions.get(`${MERCHANT.merchantId}@1`)?.rules).toHaveLength(1);
    expect(await deleteRadarRule(f.radar, MERCHANT.merchantId, 'rule_missing')).toMatchObject({ ok: false, error: { status: 404 } });
  });
});

describe('reviews', () => {
  it('given held payments, when listed, approved and rejected, then approve continues to success and reject fails with fraud_rejected', async () => {
    const f = fraudHarness();
    await createRadarRule(f.radar, MERCHANT.merchantId, { expression: 'amount > 50000', action: 'review' });
    const a = await f.pay({ amount: 60_000, payment_method: 'pm_card_visa_us_a' });
    const b = await f.pay({ amount: 70_000, payment_method: 'pm_card_visa_us_b' });
    expect((await listReviews(f.reviews, MERCHANT, 10)).data.map((p) => p.id).sort()).toEqual([a, b].sort());
    await f.h.run((tx) => decideReview(f.h.deps, tx, MERCHANT, a, 'approve'));
    await f.h.run((tx) => decideReview(f.h.deps, tx, MERCHANT, b, 'reject'));
    await f.h.settle();
    expect(await f.h.payments.getPayment(a)).toMatchObject({ status: 'succeeded' });
    expect(await f.h.payments.getPayment(b)).toMatchObject({ status: 'failed', lastError: { code: 'fraud_rejected' } });
  });

  it('given a review older than 7 days, when the expiry job runs, then it fails with review_expired', async () => {
    const f = fraudHarness();
    await createRadarRule(f.radar, MERCHANT.merchantId, { expression: 'amount > 50000', action: 'review' });
    const id = await f.pay({ amount: 60_000 });
    f.h.clock.advance(REVIEW_TTL_MS + 1);
    expect(await expireReviews({ reviews: f.reviews, payments: f.h.payments, clock: f.h.clock, log: f.h.log })).toEqual({ expired: 1 });
    expect(await f.h.payments.getPayment(id)).toMatchObject({ status: 'failed', lastError: { code: 'review_expired' } });
  });
});

describe('fraud feedback', () => {
  it('given a decline event delivered twice, when recorded, then the card counts one decline', async () => {
    const f = fraudHarness();
    const id = await f.pay({ payment_method: 'pm_card_visa_us_d' });
    const deps = { payments: f.h.payments, cards: f.cards, history: f.history };
    expect(await recordFraudOutcome(deps, failedEvent(id, 'card_declined'))).toEqual({ kind: 'done', detail: 'decline_counted' });
    expect(await recordFraudOutcome(deps, failedEvent(id, 'card_declined'))).toEqual({ kind: 'done', detail: 'already_counted' });
    expect(await recordFraudOutcome(deps, failedEvent(id, 'processing_error'))).toEqual({ kind: 'done', detail: 'not_a_decline' });
  });

  it('given a succeeded payment, when reported, then it is refunded in full and its card becomes known-bad', async () => {
    const f = fraudHarness();
    const id = await f.pay({ payment_method: 'pm_card_visa_us_r', customer: { email: 'x@example.com', ip: '198.51.100.9' } });
    const reported = await f.h.run((tx) => reportFraud({ clock: f.h.clock, cards: f.cards, history: f.history }, tx, MERCHANT, id));
    expect(reported).toMatchObject({ ok: true, value: { amountRefunded: 2_000 } });
    expect(f.history.counters.knownBad.cards.has('fp_pm_card_visa_us_r')).toBe(true);
    expect(f.history.counters.knownBad.ips.has('198.51.100.9')).toBe(true);
    expect(await f.h.payments.getPayment(id)).toMatchObject({ amountRefunded: 2_000 });
  });
});

describe('merchant amount moments from sharded sums', () => {
  it('given sums over shards, when merged, then mean and variance match the Welford reference', () => {
    const amounts = [1250, 990, 30_000, 4_500, 4_500];
    const reference = amounts.reduce(addToAmountStats, EMPTY_AMOUNT_STATS);
    const shard = (xs: number[]) => ({ count: xs.length, sumUsd: xs.reduce((s, x) => s + x / 100, 0), sumSqUsd: xs.reduce((s, x) => s + (x / 100) ** 2, 0) });
    const merged = momentsFromSums([shard(amounts.slice(0, 2)), undefined, shard(amounts.slice(2))]);
    expect(merged.count).toBe(5);
    expect(merged.mean).toBeCloseTo(reference.mean, 6);
    expect(merged.m2).toBeCloseTo(reference.m2, 0);
  });
});
