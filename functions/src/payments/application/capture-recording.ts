import { captureJournal } from '../../ledger/domain/journal';
import { Payment } from '../domain/payment';
import { Decision } from '../domain/payment.decisions';
import { PaymentsTransaction } from './payment.repository';
import { toWireEvents } from './payment-event.mapper';

/** Writes a decided payment, its events and, once it has succeeded, the capture's ledger journal. */
export function recordDecision(tx: PaymentsTransaction, before: Payment, decision: Decision, nowMs: number): void {
  if (decision.payment === before) return;
  tx.savePayment(decision.payment);
  tx.appendEvents(toWireEvents(decision.payment, decision.events, nowMs));
  if (before.status !== 'succeeded' && decision.payment.status === 'succeeded') {
    tx.appendJournal(
      captureJournal({
        id: `jrn_cap_${before.id}`,
        paymentId: before.id,
        merchantId: before.merchantId,
        livemode: before.livemode,
        currency: before.currency,
        gross: decision.payment.amountCaptured,
        fee: decision.payment.fee,
        nowMs,
      }),
    );
  }
}
