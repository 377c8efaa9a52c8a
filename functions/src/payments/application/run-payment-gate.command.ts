import { Clock } from '../../shared/clock';
import { failAtGate, holdForReview, passGate } from '../domain/payment.decisions';
import { GateCheck } from './payment-gates';
import { PaymentRepository } from './payment.repository';
import { toWireEvents } from './payment-event.mapper';
import { done, dropped, HandlerOutcome } from './task-outcome';

// Runs one gate for one payment as a Cloud Task. The check runs outside the transaction (it may
// read a lot); its verdict, its records and the event that moves the chain on commit together, and
// only if the payment is still waiting on this gate, so a redelivered task decides nothing twice.
export async function runPaymentGate(deps: { payments: PaymentRepository; clock: Clock }, gate: GateCheck, paymentId: string): Promise<HandlerOutcome> {
  const payment = await deps.payments.getPayment(paymentId);
  if (!payment) return dropped('payment_not_found');
  if (payment.status !== 'processing' || payment.stage !== 'gates' || payment.gatesPassed.includes(gate.name)) return done('already_decided');

  const verdict = await gate.check(payment);

  const status = await deps.payments.transaction(async (tx) => {
    const fresh = await tx.getPayment(paymentId);
    if (!fresh) return 'missing';
    const nowMs = deps.clock.nowMs();
    const annotated = verdict.annotate ? verdict.annotate(fresh) : fresh;
    const decision =
      verdict.decision === 'pass'
        ? passGate(annotated, gate.name, nowMs)
        : verdict.decision === 'review'
          ? holdForReview(annotated, gate.name, nowMs)
          : failAtGate(annotated, verdict.code ?? `${gate.name}_blocked`, verdict.message ?? 'The payment was blocked.', nowMs);
    if (decision.events.length === 0) return fresh.status;
    tx.savePayment(decision.payment);
    tx.appendEvents(toWireEvents(decision.payment, [...(verdict.events ?? []), ...decision.events], nowMs));
    for (const record of verdict.records ?? []) tx.appendRecord(record.collection, record.id, record.data);
    return decision.payment.status;
  });
  return done(status);
}
