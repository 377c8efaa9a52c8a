import type { PaymentRepository } from '../../payments/application/payment.repository';
import { toWireEvents } from '../../payments/application/payment-event.mapper';
import { approveReview, rejectReview } from '../../payments/domain/payment.decisions';
import type { Clock } from '../../shared/clock';
import type { ComplianceCase } from '../domain/compliance-case';
import { COMPLIANCE_BLOCKED, SANCTIONS_GATE } from './sanctions-payment.gate';

export type HoldRelease = 'released' | 'blocked' | 'not_held';

/**
 * After a sanctions case about a held payment is resolved: `cleared` lets the payment continue its
 * chain, `reported` fails it with compliance_blocked. Only a payment held by the sanctions gate is
 * touched, and only once (the status is re-checked in the transaction), so calling it again is harmless.
 */
export async function releaseSanctionsHold(deps: { payments: PaymentRepository; clock: Clock }, resolved: ComplianceCase): Promise<HoldRelease> {
  const outcome = resolved.resolution?.outcome;
  if (resolved.kind !== 'sanctions_hit' || !outcome || !resolved.subject.startsWith('payments/')) return 'not_held';
  const paymentId = resolved.subject.slice('payments/'.length);
  return deps.payments.transaction(async (tx) => {
    const payment = await tx.getPayment(paymentId);
    if (!payment || payment.status !== 'requires_review' || payment.reviewGate !== SANCTIONS_GATE) return 'not_held';
    const nowMs = deps.clock.nowMs();
    const decision =
      outcome === 'cleared' ? approveReview(payment, nowMs) : rejectReview(payment, COMPLIANCE_BLOCKED, 'The payment was blocked after a compliance review.', nowMs);
    if (!decision.ok) return 'not_held';
    tx.savePayment(decision.value.payment);
    tx.appendEvents(toWireEvents(decision.value.payment, decision.value.events, nowMs));
    return outcome === 'cleared' ? 'released' : 'blocked';
  });
}
