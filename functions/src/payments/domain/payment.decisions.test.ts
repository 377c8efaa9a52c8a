import { aCapturingPayment, anAuthorizedPayment, aPayment, aSucceededPayment, CARD, T0 } from '../application/testing/payment-builders';
import { applyAuthorization, applyCapture, cancel, failAtGate, nextStep, passGate, requestCapture } from './payment.decisions';

const LATER = T0 + 1_000;
const approved = { approved: true as const, authorizationId: 'auth_1', card: CARD };
const declined = { approved: false as const, code: 'card_declined', message: 'declined' };

describe('gates', () => {
  it('given two gates and none passed, when asked the next step, then the first gate runs first', () => {
    expect(nextStep(aPayment(), ['fraud', 'compliance'])).toEqual({ kind: 'gate', gate: 'fraud' });
  });

  it('given the first gate passed, when asked the next step, then the second gate is next', () => {
    expect(nextStep(aPayment({ gatesPassed: ['fraud'] }), ['fraud', 'compliance'])).toEqual({ kind: 'gate', gate: 'compliance' });
  });

  it('given every gate passed, when asked the next step, then the payment is authorised', () => {
    expect(nextStep(aPayment({ gatesPassed: ['fraud', 'compliance'] }), ['fraud', 'compliance'])).toEqual({ kind: 'authorize' });
    expect(nextStep(aPayment(), [])).toEqual({ kind: 'authorize' });
  });

  it('given a payment past the gates or final, when asked the next step, then there is nothing to do', () => {
    expect(nextStep(aCapturingPayment(), [])).toEqual({ kind: 'none' });
    expect(nextStep(anAuthorizedPayment(), [])).toEqual({ kind: 'none' });
  });

  it('when a gate passes, then it is recorded once with a gate_passed event, and passing it again changes nothing', () => {
    const first = passGate(aPayment(), 'fraud', LATER);
    expect(first.payment.gatesPassed).toEqual(['fraud']);
    expect(first.events).toEqual([{ type: 'payment.gate_passed', paymentId: 'pay_test1', gate: 'fraud' }]);
    const again = passGate(first.payment, 'fraud', LATER);
    expect(again.payment).toBe(first.payment);
    expect(again.events).toEqual([]);
  });

  it('when a gate refuses, then the payment fails with the gate code; a final payment is not failed again', () => {
    const failed = failAtGate(aPayment(), 'fraud_blocked', 'too risky', LATER);
    expect(failed.payment).toMatchObject({ status: 'failed', stage: 'done', lastError: { code: 'fraud_blocked', message: 'too risky' } });
    expect(failed.events).toEqual([{ type: 'payment.failed', paymentId: 'pay_test1', code: 'fraud_blocked' }]);
    expect(failAtGate(failed.payment, 'other', 'x', LATER).events).toEqual([]);
    expect(failAtGate(aCapturingPayment(), 'other', 'x', LATER).events).toEqual([]);
  });
});

describe('authorisation', () => {
  it('given automatic capture, when approved, then the payment moves to capturing the full amount', () => {
    const { payment, events } = applyAuthorization(aPayment(), approved, LATER);
    expect(payment).toMatchObject({ status: 'processing', stage: 'capturing', captureRequested: 10_000, authorization: { id: 'auth_1' } });
    expect(events).toEqual([]);
  });

  it('given manual capture, when approved, then the payment requires capture of the whole amount', () => {
    const { payment } = applyAuthorization(aPayment({ captureMethod: 'manual' }), approved, LATER);
    expect(payment).toMatchObject({ status: 'requires_capture', stage: 'done', amountCapturable: 10_000 });
  });

  it.each(['automatic', 'manual'] as const)('given %s capture, when declined, then the payment fails with the decline as last_error', (captureMethod) => {
    const { payment, events } = applyAuthorization(aPayment({ captureMethod }), declined, LATER);
    expect(payment).toMatchObject({ status: 'failed', amountCapturable: 0, lastError: { code: 'card_declined', message: 'declined' } });
    expect(events).toEqual([{ type: 'payment.failed', paymentId: 'pay_test1', code: 'card_declined' }]);
  });

  it('given an outcome already recorded, when applied again, then nothing changes', () => {
    for (const payment of [aCapturingPayment(), anAuthorizedPayment(), aSucceededPayment(), aPayment({ status: 'failed', stage: 'done' })]) {
      const again = applyAuthorization(payment, declined, LATER);
      expect(again.payment).toBe(payment);
      expect(again.events).toEqual([]);
    }
  });
});

describe('capture', () => {
  it('given an authorised payment, when a partial capture is requested, then that amount is requested', () => {
    const decision = requestCapture(anAuthorizedPayment(), 6_000, LATER);
    expect(decision.ok && decision.value.payment).toMatchObject({ status: 'processing', stage: 'capturing', captureRequested: 6_000 });
    expect(decision.ok && decision.value.events).toEqual([{ type: 'payment.capture_requested', paymentId: 'pay_test1', amount: 6_000 }]);
  });

  it('given no amount, when capture is requested, then the whole capturable amount is requested', () => {
    const decision = requestCapture(anAuthorizedPayment(), undefined, LATER);
    expect(decision.ok && decision.value.payment.captureRequested).toBe(10_000);
  });

  it('when more than the capturable amount is requested, then amount_too_large names amount_to_capture', () => {
    const decision = requestCapture(anAuthorizedPayment(), 10_001, LATER);
    expect(decision).toMatchObject({ ok: false, error: { code: 'amount_too_large', param: 'amount_to_capture' } });
  });

  it.each([aPayment(), aSucceededPayment(), aPayment({ status: 'canceled', stage: 'done' })])('given status $status, when capture is requested, then payment_unexpected_state', (payment) => {
    expect(requestCapture(payment, undefined, LATER)).toMatchObject({ ok: false, error: { code: 'payment_unexpected_state' } });
  });

  it('when the processor captures, then the payment succeeds with the requested amount and fee', () => {
    const { payment, events } = applyCapture(aCapturingPayment({ captureRequested: 6_000 }), { captured: true, captureId: 'cap_1', fee: 174 }, LATER);
    expect(payment).toMatchObject({ status: 'succeeded', amountCaptured: 6_000, amountCapturable: 0, captureId: 'cap_1', fee: 174 });
    expect(events).toEqual([{ type: 'payment.succeeded', paymentId: 'pay_test1', amountCaptured: 6_000 }]);
  });

  it('when the processor refuses the capture, then the payment fails; applying to a final payment changes nothing', () => {
    const { payment } = applyCapture(aCapturingPayment(), { captured: false, code: 'expired_authorization', message: 'expired' }, LATER);
    expect(payment).toMatchObject({ status: 'failed', lastError: { code: 'expired_authorization' } });
    const again = applyCapture(aSucceededPayment(), { captured: true, captureId: 'cap_2', fee: 1 }, LATER);
    expect(again.payment.captureId).toBe('cap_test1');
    expect(again.events).toEqual([]);
  });
});

describe('cancel', () => {
  it('given an authorised payment, when canceled, then it is canceled with the authorisation to void', () => {
    const decision = cancel(anAuthorizedPayment(), LATER);
    expect(decision.ok && decision.value.payment).toMatchObject({ status: 'canceled', amountCapturable: 0, holdReleased: false });
    expect(decision.ok && decision.value.events).toEqual([{ type: 'payment.canceled', paymentId: 'pay_test1', authorizationId: 'auth_test1' }]);
  });

  it.each([aPayment(), aCapturingPayment(), aSucceededPayment(), aPayment({ status: 'canceled', stage: 'done' })])(
    'given status $status stage $stage, when canceled, then payment_unexpected_state',
    (payment) => {
      expect(cancel(payment, LATER)).toMatchObject({ ok: false, error: { code: 'payment_unexpected_state' } });
    },
  );
});
