import type { AcquirerPayment } from '../sandbox-acquirer/acquirer-ledger';
import type { AuditMovement } from './auditor';

/**
 * The European acquirer's record as the auditor reads a processor's movements: payments fail over to it
 * when the primary's breaker opens (the simulation's 503 bursts), so its authorisations, captures,
 * cancellations and refunds are money movements too. Keys name our payment or refund id, as the
 * primary's idempotency keys do. A refused authorisation moves nothing (as at the primary).
 */
export function acquirerMovements(payments: readonly AcquirerPayment[]): AuditMovement[] {
  const movements: AuditMovement[] = [];
  for (const p of payments) {
    if (p.resultCode !== 'Authorised') continue;
    const base = { currency: p.currency, authorization: p.pspReference };
    movements.push({ ...base, id: p.pspReference, type: 'authorization', amount: p.amount, idempotency_key: `acquirer_auth_${p.merchantReference}` });
    if (p.capture) movements.push({ ...base, id: p.capture.pspReference, type: 'capture', amount: p.capture.amount, idempotency_key: `acquirer_capture_${p.capture.merchantReference}` });
    if (p.cancellation) movements.push({ ...base, id: p.cancellation.pspReference, type: 'void', amount: p.cancellation.amount, idempotency_key: `acquirer_void_${p.cancellation.merchantReference}` });
    for (const r of p.refunds) movements.push({ ...base, id: r.pspReference, type: 'refund', amount: r.amount, idempotency_key: `acquirer_refund_${r.merchantReference}` });
  }
  return movements;
}
