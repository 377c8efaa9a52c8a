import { createPayment } from './create-payment.command';
import { createRefund } from './create-refund.command';
import { applyProcessorNotification } from './apply-processor-notification.command';
import { closeDispute, updateDispute } from './respond-to-dispute.command';
import { forwardDisputeResponse } from './forward-dispute-response.command';
import { chargebackFee, disputeIdFor } from './dispute-decision.commit';
import { DisputeNotification } from './processor-connector';
import { aCreatePaymentRequest, MERCHANT, OTHER_MERCHANT } from './testing/payment-builders';
import { paymentsHarness, PaymentsHarness } from './testing/payments-harness';
import { DisputeStatus } from '../domain/dispute';

async function capturedPayment(h: PaymentsHarness): Promise<string> {
  const created = await h.run((tx) => createPayment(h.deps, tx, MERCHANT, aCreatePaymentRequest()));
  if (!created.ok) throw new Error('expected the payment to be created');
  await h.settle();
  return created.value.id;
}

let seq = 0;
const notification = (paymentId: string, status: DisputeStatus, overrides: Partial<DisputeNotification> = {}): DisputeNotification => ({
  id: `ntf_${++seq}`, kind: 'dispute', processorDisputeId: 'pdp_1', paymentProcessorReference: 'auth_1', reference: paymentId, amount: 10_000, currency: 'usd', livemode: false,
  reason: 'fraudulent', status, evidenceDueByMs: Date.UTC(2025, 0, 22), ...overrides,
});

function setup() {
  const h = paymentsHarness();
  const deps = { ...h.deps, log: h.log };
  const notify = (n: DisputeNotification) => applyProcessorNotification(deps, 'sandbox_processor', n);
  const forward = async () => {
    for (const task of h.tasks.takeNew().filter((t) => t.name.startsWith('dispute-'))) await forwardDisputeResponse({ ...deps, log: h.log }, task.payload as never);
  };
  return { h, notify, forward, disputeId: disputeIdFor('sandbox_processor', false, 'pdp_1') };
}

describe('disputes with memory adapters', () => {
  it('given a captured payment, when the processor opens a chargeback, then the amount and the fee leave the available balance and events go out', async () => {
    const { h, notify, disputeId } = setup();
    const paymentId = await capturedPayment(h);
    expect(await notify(notification(paymentId, 'needs_response'))).toBe('applied');
    const fee = chargebackFee('usd');
    expect(fee).toBe(1500);
    expect(await h.payments.getDispute(disputeId)).toMatchObject({ status: 'needs_response', amount: 10_000, fee, paymentId, fundsWithdrawn: true });
    expect(await h.balance()).toMatchObject({ available: [{ amount: -11_500, currency: 'usd' }] });
    expect(h.payments.journals().map((j) => j.kind)).toEqual(['capture', 'dispute']);
    expect(h.payments.outboxEvents().map((e) => e.type)).toEqual(expect.arrayContaining(['dispute.created', 'dispute.funds_withdrawn']));
    expect(await h.payments.getPayment(paymentId)).toMatchObject({ disputed: true });
  });

  it('given a repeated notification of the same dispute, when applied, then nothing changes', async () => {
    const { h, notify } = setup();
    const paymentId = await capturedPayment(h);
    await notify(notification(paymentId, 'needs_response'));
    expect(await notify(notification(paymentId, 'needs_response'))).toBe('no_change');
    const n = notification(paymentId, 'needs_response');
    await notify(n);
    expect(await notify(n)).toBe('duplicate');
    expect(h.payments.journals().map((j) => j.kind)).toEqual(['capture', 'dispute']);
  });

  it('given an open chargeback, when the merchant submits evidence, then it is under review, forwarded once, and a won outcome reinstates the amount', async () => {
    const { h, notify, forward, disputeId } = setup();
    const paymentId = await capturedPayment(h);
    await notify(notification(paymentId, 'needs_response'));
    const saved = await h.run((tx) => updateDispute(h.deps, tx, MERCHANT, { disputeId, evidence: { product_description: 'lamp' }, submit: false }));
    expect(saved).toMatchObject({ ok: true, value: { status: 'needs_response' } });
    const submitted = await h.run((tx) => updateDispute(h.deps, tx, MERCHANT, { disputeId, evidence: { uncategorized_text: 'winning_evidence' }, submit: true }));
    expect(submitted).toMatchObject({ ok: true, value: { status: 'under_review' } });
    await forward();
    expect(h.processor.callsTo('respondToDispute')).toEqual([
      { method: 'respondToDispute', request: expect.objectContaining({ processor: 'sandbox_processor', processorDisputeId: 'pdp_1', idempotencyKey: `dispute_${disputeId}_submit_evidence`, response: { kind: 'evidence', evidence: { product_description: 'lamp', uncategorized_text: 'winning_evidence' } } }) },
    ]);
    expect(await notify(notification(paymentId, 'won'))).toBe('applied');
    expect(await h.payments.getDispute(disputeId)).toMatchObject({ status: 'won', fundsReinstated: true });
    // The amount is back; the dispute fee stays charged.
    expect(await h.balance()).toMatchObject({ available: [{ amount: -1_500, currency: 'usd' }] });
    expect(h.payments.journals().map((j) => j.kind)).toEqual(['capture', 'dispute', 'dispute_reversal']);
  });

  it('given an open chargeback, when the merchant closes it, then it is lost, the processor is told, and a later loss notice changes nothing', async () => {
    const { h, notify, forward, disputeId } = setup();
    const paymentId = await capturedPayment(h);
    await notify(notification(paymentId, 'needs_response'));
    expect(await h.run((tx) => closeDispute(h.deps, tx, MERCHANT, { disputeId }))).toMatchObject({ ok: true, value: { status: 'lost' } });
    await forward();
    expect(h.processor.callsTo('respondToDispute').map((c) => c.request.response)).toEqual([{ kind: 'accept' }]);
    expect(await notify(notification(paymentId, 'lost'))).toBe('no_change');
    expect(await h.run((tx) => closeDispute(h.deps, tx, MERCHANT, { disputeId }))).toMatchObject({ ok: false, error: { status: 400, code: 'dispute_not_open' } });
  });

  it('given a dispute, when the processor opens and closes it and the merchant answers, then each step is in the compliance audit trail with its actor', async () => {
    const { h, notify, disputeId } = setup();
    const paymentId = await capturedPayment(h);
    const member = { ...MERCHANT, credential: { kind: 'dashboard_user' as const, uid: 'uid_analyst', role: 'analyst' as const, merchantId: MERCHANT.merchantId, livemode: false } };
    await notify(notification(paymentId, 'needs_response'));
    await h.run((tx) => updateDispute(h.deps, tx, member, { disputeId, evidence: { uncategorized_text: 'winning_evidence', customer_name: 'Jo' }, submit: true }));
    await notify(notification(paymentId, 'won'));

    expect(h.payments.auditEntries().map((e) => [e.actor, e.action, e.subject])).toEqual([
      ['system:processor-notifications', 'dispute.opened', `disputes/${disputeId}`],
      ['user:uid_analyst', 'dispute.evidence_updated', `disputes/${disputeId}`],
      ['system:processor-notifications', 'dispute.closed', `disputes/${disputeId}`],
    ]);
    expect(h.payments.auditEntries()[1]).toMatchObject({ reason: 'submitted evidence (customer_name, uncategorized_text)', details: { payment: paymentId, status: 'under_review' } });
    // Nothing changed, nothing audited.
    await notify(notification(paymentId, 'won'));
    expect(h.payments.auditEntries()).toHaveLength(3);
  });

  it('given a charged-back payment, when the merchant refunds it, then the refund is refused', async () => {
    const { h, notify } = setup();
    const paymentId = await capturedPayment(h);
    await notify(notification(paymentId, 'needs_response'));
    expect(await h.run((tx) => createRefund(h.deps, tx, MERCHANT, { payment: paymentId }))).toMatchObject({ ok: false, error: { status: 400, code: 'charge_disputed' } });
  });

  it('given an inquiry, when it opens and closes, then no money moves', async () => {
    const { h, notify } = setup();
    const paymentId = await capturedPayment(h);
    await notify(notification(paymentId, 'warning_needs_response'));
    await notify(notification(paymentId, 'warning_closed'));
    expect(h.payments.journals().map((j) => j.kind)).toEqual(['capture']);
    expect(await h.payments.getPayment(paymentId)).not.toHaveProperty('disputed');
  });

  it('given a dispute of nothing of ours (unknown payment, other processor, other mode, more than captured), when it arrives, then it is recorded as unmatched', async () => {
    const { h, notify } = setup();
    const paymentId = await capturedPayment(h);
    expect(await notify(notification('pay_unknown', 'needs_response'))).toBe('unmatched');
    expect(await notify(notification(paymentId, 'needs_response', { livemode: true }))).toBe('unmatched');
    expect(await notify(notification(paymentId, 'needs_response', { amount: 10_001 }))).toBe('unmatched');
    expect(await applyProcessorNotification({ ...h.deps, log: h.log }, 'euro_acquirer', notification(paymentId, 'needs_response'))).toBe('unmatched');
    expect(h.payments.journals().map((j) => j.kind)).toEqual(['capture']);
  });

  it("given another merchant's dispute, when it is answered, then it looks missing", async () => {
    const { h, notify, disputeId } = setup();
    const paymentId = await capturedPayment(h);
    await notify(notification(paymentId, 'needs_response'));
    expect(await h.run((tx) => closeDispute(h.deps, tx, OTHER_MERCHANT, { disputeId }))).toMatchObject({ ok: false, error: { status: 404 } });
  });
});
