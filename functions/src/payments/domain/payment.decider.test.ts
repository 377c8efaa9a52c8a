import { aCanceledPayment, aCapturingPayment, aFailedPayment, anAuthorizedPayment, aPayment, aPaymentInReview, aSucceededPayment, CARD, T0 } from '../application/testing/payment-builders';
import { Payment } from './payment';
import { decide, evolve, evolveAll, nextStep, PaymentCommand } from './payment.decider';

const LATER = T0 + 1_000;
const approved = { approved: true as const, authorizationId: 'auth_1', card: CARD, processor: 'sandbox_processor' as const };
const RISK = { score: 12, level: 'normal', decision: 'allow', reasons: ['low_amount'] };

/** Decides and applies: the state a command leads to (throws on a refusal). */
function run(payment: Payment, command: PaymentCommand): Payment {
  const decision = decide(payment, command);
  if (!decision.ok) throw new Error(decision.error.message);
  return evolveAll(payment, decision.value, LATER);
}

describe('payment decider: the next step comes from the state alone', () => {
  it('given two gates and none passed, then the first gate is next; then the second; then authorisation', () => {
    expect(nextStep(aPayment(), ['fraud', 'sanctions'])).toEqual({ kind: 'gate', gate: 'fraud' });
    expect(nextStep(aPayment({ gatesPassed: ['fraud'] }), ['fraud', 'sanctions'])).toEqual({ kind: 'gate', gate: 'sanctions' });
    expect(nextStep(aPayment({ gatesPassed: ['fraud', 'sanctions'] }), ['fraud', 'sanctions'])).toEqual({ kind: 'authorize' });
    expect(nextStep(aPayment(), [])).toEqual({ kind: 'authorize' });
  });

  it('given an authorised automatic payment, then the capture is owed; a canceled one owes its void until released', () => {
    expect(nextStep(aCapturingPayment(), [])).toEqual({ kind: 'capture' });
    expect(nextStep(aCanceledPayment({ holdReleased: false }), [])).toMatchObject({ kind: 'void', authorization: { id: 'auth_test1' } });
    expect(nextStep(aCanceledPayment({ holdReleased: true }), [])).toEqual({ kind: 'none' });
  });

  it.each([aPaymentInReview(), anAuthorizedPayment(), aSucceededPayment(), aFailedPayment()])('given a payment waiting on a person or final (%#), then nothing is owed', (payment) => {
    expect(nextStep(payment, ['fraud'])).toEqual({ kind: 'none' });
  });
});

describe('payment decider: gates', () => {
  it('when a gate passes with a risk summary, then the risk is shown and the gate recorded once; a redelivered verdict decides nothing', () => {
    const passed = run(aPayment(), { kind: 'record_gate_verdict', gate: 'fraud', decision: 'pass', risk: RISK });
    expect(passed).toMatchObject({ status: 'processing', stage: 'gates', gatesPassed: ['fraud'], risk: RISK, updatedMs: LATER });
    expect(decide(passed, { kind: 'record_gate_verdict', gate: 'fraud', decision: 'block', code: 'x', message: 'x' })).toEqual({ ok: true, value: [] });
  });

  it('when a gate is unsure, then the payment is held for review with that gate; approval continues the chain where it stopped', () => {
    const held = run(aPayment(), { kind: 'record_gate_verdict', gate: 'fraud', decision: 'review' });
    expect(held).toMatchObject({ status: 'requires_review', reviewGate: 'fraud' });
    expect(nextStep(held, ['fraud', 'sanctions'])).toEqual({ kind: 'none' });
    const approvedReview = run(held, { kind: 'approve_review' });
    expect(approvedReview).toMatchObject({ status: 'processing', stage: 'gates', gatesPassed: ['fraud'] });
    expect(nextStep(approvedReview, ['fraud', 'sanctions'])).toEqual({ kind: 'gate', gate: 'sanctions' });
    expect(decide(approvedReview, { kind: 'approve_review' })).toMatchObject({ ok: false, error: { code: 'payment_unexpected_state' } });
  });

  it('when a gate blocks, then the payment fails with the gate code and no authorisation; a rejected review fails likewise', () => {
    expect(run(aPayment(), { kind: 'record_gate_verdict', gate: 'fraud', decision: 'block', code: 'fraud_blocked', message: 'too risky' })).toEqual(
      expect.objectContaining({ status: 'failed', lastError: { code: 'fraud_blocked', message: 'too risky' }, authorization: null }),
    );
    expect(run(aPaymentInReview(), { kind: 'reject_review', code: 'fraud_rejected', message: 'no' })).toMatchObject({ status: 'failed', lastError: { code: 'fraud_rejected' } });
  });
});

describe('payment decider: authorisation and capture', () => {
  it('given automatic capture, when authorised, then payment.authorized moves it to capturing the full amount', () => {
    const decision = decide(aPayment(), { kind: 'record_authorization', outcome: approved });
    expect(decision).toEqual({ ok: true, value: [{ type: 'payment.authorized', paymentId: 'pay_test1', authorization: { id: 'auth_1', card: CARD, processor: 'sandbox_processor' } }] });
    expect(run(aPayment(), { kind: 'record_authorization', outcome: approved })).toMatchObject({ status: 'processing', stage: 'capturing', captureRequested: 10_000 });
  });

  it('given manual capture, when authorised, then it waits for the merchant with the whole amount capturable', () => {
    expect(run(aPayment({ captureMethod: 'manual' }), { kind: 'record_authorization', outcome: approved })).toMatchObject({ status: 'requires_capture', amountCapturable: 10_000 });
  });

  it('when declined, then it fails with the issuer code; a late answer for a final payment decides nothing', () => {
    const failed = run(aPayment(), { kind: 'record_authorization', outcome: { approved: false, code: 'card_declined', message: 'Declined.' } });
    expect(failed).toMatchObject({ status: 'failed', lastError: { code: 'card_declined' } });
    expect(decide(failed, { kind: 'record_authorization', outcome: approved })).toEqual({ ok: true, value: [] });
  });

  it('when the capture lands, then the fee is decided with it on the amount captured (2.9 %), and the payment succeeds', () => {
    const succeeded = run(aCapturingPayment({ captureRequested: 6_000 }), { kind: 'record_capture', outcome: { captured: true, captureId: 'cap_1' } });
    expect(succeeded).toMatchObject({ status: 'succeeded', amountCaptured: 6_000, fee: 174, captureId: 'cap_1', amountRefunded: 0 });
  });

  it('when the processor refuses the capture, then the payment fails and keeps its authorisation (voided before)', () => {
    const failed = run(aCapturingPayment(), { kind: 'record_capture', outcome: { captured: false, code: 'capture_refused', message: 'No.' } });
    expect(failed).toMatchObject({ status: 'failed', authorization: { id: 'auth_test1' } });
  });

  it('given requires_capture, when the merchant captures more than capturable, then amount_too_large; a partial capture is owed', () => {
    expect(decide(anAuthorizedPayment(), { kind: 'request_capture', amountToCapture: 10_001 })).toMatchObject({ ok: false, error: { code: 'amount_too_large', param: 'amount_to_capture' } });
    const capturing = run(anAuthorizedPayment(), { kind: 'request_capture', amountToCapture: 6_000 });
    expect(capturing).toMatchObject({ status: 'processing', stage: 'capturing', captureRequested: 6_000 });
    expect(nextStep(capturing, [])).toEqual({ kind: 'capture' });
  });

  it.each([aPayment(), aCapturingPayment(), aSucceededPayment()])('given a payment not waiting for capture (%#), when captured or canceled, then payment_unexpected_state', (payment) => {
    expect(decide(payment, { kind: 'request_capture' })).toMatchObject({ ok: false, error: { code: 'payment_unexpected_state' } });
    expect(decide(payment, { kind: 'cancel' })).toMatchObject({ ok: false, error: { code: 'payment_unexpected_state' } });
  });
});

describe('payment decider: cancel and void', () => {
  it('when an authorised payment is canceled, then the void is owed; once the processor answers, it is released, once', () => {
    const canceled = run(anAuthorizedPayment(), { kind: 'cancel' });
    expect(canceled).toMatchObject({ status: 'canceled', holdReleased: false, authorization: { id: 'auth_test1' } });
    const released = run(canceled, { kind: 'record_hold_released' });
    expect(released).toMatchObject({ status: 'canceled', holdReleased: true });
    expect(decide(released, { kind: 'record_hold_released' })).toEqual({ ok: true, value: [] });
  });
});

describe('payment decider: evolve', () => {
  it('given an event the state cannot take, when applied, then it throws instead of writing an impossible state', () => {
    expect(() => evolve(aSucceededPayment(), { type: 'payment.authorized', paymentId: 'pay_test1', authorization: { id: 'a', card: CARD, processor: 'sandbox_processor' } }, LATER)).toThrow(/cannot apply/);
    expect(() => evolve(aPayment(), { type: 'payment.hold_released', paymentId: 'pay_test1' }, LATER)).toThrow(/cannot apply/);
  });

  it('given a state change, then fields of the previous state do not linger in the new one', () => {
    const succeeded = run(aCapturingPayment(), { kind: 'record_capture', outcome: { captured: true, captureId: 'cap_1' } });
    expect(succeeded).not.toHaveProperty('captureRequested');
    expect(run(aPayment({ gatesPassed: ['fraud'] }), { kind: 'record_authorization', outcome: approved })).not.toHaveProperty('gatesPassed');
  });
});
