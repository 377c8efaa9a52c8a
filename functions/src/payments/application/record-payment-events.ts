import { captureJournal } from '../../ledger/domain/journal';
import { Payment } from '../domain/payment';
import type { Refund } from '../domain/refund';
import { evolveAll } from '../domain/payment.decider';
import { PaymentEvent } from '../domain/payment.events';
import { PaymentGate } from './payment-gates';
import { PaymentsTransaction } from './payment.repository';
import { owedTask } from './payment-steps';
import { toWireEvents } from './payment-event.mapper';

/**
 * Stages what a decision means, inside the caller's transaction and with no side effect: the
 * evolved payment, its events (the outbox), the capture's ledger journal once it has succeeded, and
 * the named task of the step the new state is owed, created by the relay after the commit.
 * Returns the new state; no events, nothing staged.
 */
export function recordPaymentEvents(
  tx: PaymentsTransaction,
  before: Payment,
  events: readonly PaymentEvent[],
  context: {
    nowMs: number;
    gates: readonly PaymentGate[];
    /** How long after capture the funds become available; needed only by a capture. */
    fundsAvailableAfterMs?: number;
    /** The refund the events are about (its state after them): refund events carry it as their object. */
    refund?: Refund;
  },
): Payment {
  if (events.length === 0) return before;
  const after = evolveAll(before, events, context.nowMs);
  tx.savePayment(after);
  tx.appendEvents(toWireEvents(after, events, context.nowMs, { before, refund: context.refund }));
  // The capture's money movement is recorded with the fact that it happened, in the same commit.
  if (after.status === 'succeeded' && events.some((event) => event.type === 'payment.succeeded')) {
    // Only execute-capture records a capture, and it reads the merchant's delay first.
    if (context.fundsAvailableAfterMs === undefined) throw new Error(`Capture of ${after.id} recorded without its funds availability`);
    tx.appendJournal(
      captureJournal({
        id: `jrn_cap_${after.id}`,
        paymentId: after.id,
        captureId: after.captureId,
        merchantId: after.merchantId,
        livemode: after.livemode,
        currency: after.currency,
        gross: after.amountCaptured,
        fee: after.fee,
        nowMs: context.nowMs,
        availableOnMs: context.nowMs + context.fundsAvailableAfterMs,
      }),
    );
  }
  const task = owedTask(after, context.gates);
  if (task) tx.handOff(task);
  return after;
}
