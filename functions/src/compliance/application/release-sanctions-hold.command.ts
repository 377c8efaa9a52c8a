import type { PaymentRepository } from '../../payments/application/payment.repository';
import type { PaymentGate } from '../../payments/application/payment-gates';
import { recordPaymentEvents } from '../../payments/application/record-payment-events';
import { heldByGate } from '../../payments/domain/payment';
import { decide } from '../../payments/domain/payment.decider';
import type { Clock } from '../../shared/clock';
import type { ComplianceCase } from '../domain/compliance-case';
import { COMPLIANCE_BLOCKED, SANCTIONS_GATE } from './sanctions-payment.gate';

export type HoldRelease = 'released' | 'blocked' | 'not_held';

/**
 * After a sanctions case about a held payment is resolved: `cleared` lets the payment continue its
 * chain, `reported` fails it with compliance_blocked. Only a payment held by the sanctions gate is
 * touched, and only once (the status is re-checked in the transaction), so calling it again is harmless.
 */
export async function releaseSanctionsHold(deps: { payments: PaymentRepository; clock: Clock; gates: readonly PaymentGate[] }, resolved: ComplianceCase): Promise<HoldRelease> {
  const outcome = resolved.resolution?.outcome;
  if (resolved.kind !== 'sanctions_hit' || !outcome || !resolved.subject.startsWith('payments/')) return 'not_held';
  const paymentId = resolved.subject.slice('payments/'.length);
  return deps.payments.transaction(async (tx) => {
    const payment = await tx.getPayment(paymentId);
    if (!payment || heldByGate(payment) !== SANCTIONS_GATE) return 'not_held';
    const decision = decide(
      payment,
      outcome === 'cleared' ? { kind: 'approve_review' } : { kind: 'reject_review', code: COMPLIANCE_BLOCKED, message: 'The payment was blocked after a compliance review.' },
    );
    if (!decision.ok) return 'not_held';
    recordPaymentEvents(tx, payment, decision.value, { nowMs: deps.clock.nowMs(), gates: deps.gates });
    return outcome === 'cleared' ? 'released' : 'blocked';
  });
}
