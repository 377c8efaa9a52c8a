import { ruleSetOwner } from '../domain/fraud-rules';
import { OTHER_MERCHANT, MERCHANT } from '../../payments/application/testing/payment-builders';
import { momentsFromSums } from '../adapters/fraud-history.reads';
import { EMPTY_AMOUNT_STATS, addToAmountStats } from '../domain/fraud-signals';
import { listReportedPayment, recordFraudOutcome, reportFraud } from './fraud-feedback.command';
import { createRadarRule, deleteRadarRule, listRadarRules } from './radar-rules.command';
import { decideReview, expireReviews, listReviews, REVIEW_TTL_MS } from './reviews.command';
import { fraudHarness } from './testing/fraud-harness';

const failedEvent = (paymentId: string, code: string) => ({
  id: `evt_${paymentId}`, type: 'payment.failed' as const, time: new Date(0).toISOString(), subject: paymentId, data: { payment_id: paymentId, merchant_id: MERCHANT.merchantId, code },
});

describe('radar rules', () => {
  it('given a rule with a syntax error, when saved, then it is refused with invalid_rule and its position', async () => {
    const f = fraudHarness();
    const result = await createRadarRule(f.radar, MERCHANT, { expression: 'amount >', action: 'block' });
    expect(result).toMatchObject({ ok: false, error: { status: 400, code: 'invalid_rule', param: 'expression', message: expect.stringContaining('line 1, column') } });
    expect((await listRadarRules(f.radar, MERCHANT)).version).toBe(0);
  });

  it('given saved rules, when one is deleted, then each change is a new version and old versions stay readable', async () => {
    const f = fraudHarness();
    const first = await createRadarRule(f.radar, MERCHANT, { expression: 'amount > 100', action: 'review' });
    await createRadarRule(f.radar, MERCHANT, { expression: 'card_country == "RU"', action: 'block' });
    const deleted = first.ok ? await deleteRadarRule(f.radar, MERCHANT, first.value.id) : first;
    expect(deleted).toMatchObject({ ok: true, value: { deleted: true, version: 3 } });
    expect((await listRadarRules(f.radar, MERCHANT)).data.map((r) => r.expression)).toEqual(['card_country == "RU"']);
    expect(f.ruleSets.versions.get(`${MERCHANT.merchantId}:test@1`)?.rules).toHaveLength(1);
    expect(await deleteRadarRule(f.radar, MERCHANT, 'rule_missing')).toMatchObject({ ok: false, error: { status: 404 } });
  });

  it('given a rule saved with a test key, then the live rule set does not have it and a live payment is not decided by it', async () => {
    const f = fraudHarness();
    const live = { ...MERCHANT, livemode: true };
    await createRadarRule(f.radar, MERCHANT, { expression: 'amount > 0', action: 'block' });
    expect((await listRadarRules(f.radar, live)).data).toEqual([]);
    expect((await listRadarRules(f.radar, MERCHANT)).data).toHaveLength(1);
    expect((await f.ruleBook.rulesFor(ruleSetOwner(live))).ordered.map((r) => r.rule.id)).toEqual(['platform_known_bad_card', 'platform_score_block', 'platform_score_review']);
  });
});

describe('reviews', () => {
  it('given held payments, when listed, approved and rejected, then approve continues to success and reject fails with fraud_rejected', async () => {
    const f = fraudHarness();
    await createRadarRule(f.radar, MERCHANT, { expression: 'amount > 50000', action: 'review' });
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
    await createRadarRule(f.radar, MERCHANT, { expression: 'amount > 50000', action: 'review' });
    const id = await f.pay({ amount: 60_000 });
    f.h.clock.advance(REVIEW_TTL_MS + 1);
    expect(await expireReviews({ reviews: f.reviews, payments: f.h.payments, clock: f.h.clock, gates: f.h.deps.gates, log: f.h.log })).toEqual({ expired: 1 });
    expect(await f.h.payments.getPayment(id)).toMatchObject({ status: 'failed', lastError: { code: 'review_expired' } });
  });
});

/** What POST /v1/payments/{id}/fraud_report does: list before the transaction, refund inside it. */
async function report(f: ReturnType<typeof fraudHarness>, merchant: typeof MERCHANT, paymentId: string) {
  const listed = await listReportedPayment({ payments: f.h.payments, cards: f.cards, history: f.history }, merchant, paymentId);
  if (!listed.ok) return listed;
  return f.h.run((tx) => reportFraud(f.h.deps, tx, merchant, paymentId));
}

describe('fraud feedback', () => {
  it('given a decline event delivered twice, when recorded, then the card counts one decline', async () => {
    const f = fraudHarness();
    const id = await f.pay({ payment_method: 'pm_card_visa_us_d' });
    const deps = { payments: f.h.payments, cards: f.cards, history: f.history };
    expect(await recordFraudOutcome(deps, failedEvent(id, 'card_declined'))).toEqual({ kind: 'done', detail: 'decline_counted' });
    expect(await recordFraudOutcome(deps, failedEvent(id, 'card_declined'))).toEqual({ kind: 'done', detail: 'already_counted' });
    expect(await recordFraudOutcome(deps, failedEvent(id, 'processing_error'))).toEqual({ kind: 'done', detail: 'not_a_decline' });
  });

  it('given a chargeback (dispute.funds_withdrawn), when recorded, even twice, then the card, e-mail and IP are known bad for that merchant only', async () => {
    const f = fraudHarness();
    const id = await f.pay({ payment_method: 'pm_card_visa_us_cb', customer: { email: 'cb@example.com', ip: '198.51.100.44' } });
    const deps = { payments: f.h.payments, cards: f.cards, history: f.history };
    const event = { id: 'evt_cb', type: 'dispute.funds_withdrawn' as const, time: new Date(0).toISOString(), subject: id, data: { payment_id: id, dispute_id: 'dp_1', merchant_id: MERCHANT.merchantId } };
    expect(await recordFraudOutcome(deps, event)).toEqual({ kind: 'done', detail: 'chargeback_marked_known_bad' });
    expect(await recordFraudOutcome(deps, event)).toEqual({ kind: 'done', detail: 'chargeback_marked_known_bad' });
    const own = f.history.listOf(MERCHANT.merchantId, false);
    expect([own.cards.has('fp_pm_card_visa_us_cb'), own.emails.has('cb@example.com'), own.ips.has('198.51.100.44')]).toEqual([true, true, true]);
    expect(f.history.listOf(OTHER_MERCHANT.merchantId, false).cards.size).toBe(0);
  });

  it('given a succeeded payment, when reported, then it is refunded in full and its card becomes known-bad', async () => {
    const f = fraudHarness();
    const id = await f.pay({ payment_method: 'pm_card_visa_us_r', customer: { email: 'x@example.com', ip: '198.51.100.9' } });
    const reported = await report(f, MERCHANT, id);
    expect(reported).toMatchObject({ ok: true, value: { amountRefunded: 2_000 } });
    const ownList = f.history.listOf(MERCHANT.merchantId, false);
    expect(ownList.cards.has('fp_pm_card_visa_us_r')).toBe(true);
    expect(ownList.ips.has('198.51.100.9')).toBe(true);
    expect(await f.h.payments.getPayment(id)).toMatchObject({ amountRefunded: 2_000 });
  });

  it('given the report transaction fails to commit, then its body wrote nothing outside it (no list entry, no refund)', async () => {
    // The block-list write used to happen inside the transaction body: a side effect a retried or failed transaction cannot take back.
    const f = fraudHarness();
    const id = await f.pay({ payment_method: 'pm_card_visa_us_txbody', customer: { email: 'tx@example.com', ip: '198.51.100.77' } });
    f.h.payments.failNextCommit();
    await expect(f.h.run((tx) => reportFraud(f.h.deps, tx, MERCHANT, id))).rejects.toThrow('transaction aborted');
    const list = f.history.listOf(MERCHANT.merchantId, false);
    expect([list.cards.size, list.ips.size]).toEqual([0, 0]);
    expect(await f.h.payments.getPayment(id)).toMatchObject({ amountRefunded: 0 });
  });

  it("given another merchant's payment, when reported, then it is 404 and nothing is listed", async () => {
    const f = fraudHarness();
    const id = await f.pay({ payment_method: 'pm_card_visa_us_notmine', customer: { email: 'n@example.com' } }, OTHER_MERCHANT);
    expect(await report(f, MERCHANT, id)).toMatchObject({ ok: false, error: { status: 404 } });
    expect(f.history.listOf(MERCHANT.merchantId, false).cards.size).toBe(0);
  });

  it('given one merchant reports a card, when another merchant is paid with it, then that payment is not blocked', async () => {
    // A report used to block the card for every merchant: any merchant (even in test mode) could poison the platform.
    const f = fraudHarness();
    const card = { payment_method: 'pm_card_visa_gb_poison', customer: { email: 'victim@example.com', ip: '203.0.113.5' } };
    const reportedId = await f.pay(card);
    await report(f, MERCHANT, reportedId);
    const elsewhere = await f.h.payments.getPayment(await f.pay(card, OTHER_MERCHANT));
    expect(elsewhere?.status).toBe('succeeded');
    const again = await f.h.payments.getPayment(await f.pay(card));
    expect(again).toMatchObject({ status: 'failed', lastError: { code: 'fraud_blocked' } });
  });

  it('given a test-mode report, then nothing is pooled platform-wide and live payments never see it', async () => {
    const f = fraudHarness();
    await f.history.markKnownBad({ merchantId: 'acct_a', livemode: false, cardFingerprint: 'fp_x' });
    const live = { paymentId: 'p', merchantId: 'acct_a', livemode: true, merchantCountry: 'US', amountMinor: 100, currency: 'USD', card: { fingerprint: 'fp_x', country: 'US', brand: 'visa' }, customer: {} };
    expect((await f.history.load(live, 0)).history.knownBad.card).toBe(false);
    expect((await f.history.load({ ...live, livemode: false }, 0)).history.knownBad.card).toBe(true);
  });

  it('given live reports from distinct merchants, then only from the third on does another merchant see a risk feature, never a block list entry', async () => {
    const f = fraudHarness();
    const payment = { paymentId: 'p', merchantId: 'acct_z', livemode: true, merchantCountry: 'US', amountMinor: 100, currency: 'USD', card: { fingerprint: 'fp_y', country: 'US', brand: 'visa' }, customer: {} };
    for (const merchantId of ['acct_a', 'acct_a', 'acct_b']) await f.history.markKnownBad({ merchantId, livemode: true, cardFingerprint: 'fp_y' });
    const twoReporters = (await f.history.load(payment, 0)).history;
    expect(twoReporters).toMatchObject({ reportedByOtherMerchants: 2, knownBad: { card: false } });
    await f.history.markKnownBad({ merchantId: 'acct_c', livemode: true, cardFingerprint: 'fp_y' });
    expect((await f.history.load(payment, 0)).history).toMatchObject({ reportedByOtherMerchants: 3, knownBad: { card: false } });
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
