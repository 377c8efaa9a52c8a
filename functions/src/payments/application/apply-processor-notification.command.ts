import { Clock } from '../../shared/clock';
import { contextRecord, ContextRecordExistsError } from '../../shared/context-record';
import { Logger } from '../../shared/logger';
import { ProcessorName } from '../domain/payment';
import { applyCaptureResult } from './execute-capture.command';
import { applyRefundResult } from './execute-refund.command';
import { FundsAvailability } from './funds-availability';
import { PaymentGate } from './payment-gates';
import { PaymentRepository } from './payment.repository';
import { applyDisputeNotification } from './apply-dispute-notification.command';
import { ProcessorNotification } from './processor-connector';
import { PROCESSOR_NOTIFICATION } from './processor-notification.record';
import { ProcessorGateway } from './processor.gateway';

/** `early`: it confirms work whose own record has not committed yet here; it is not recorded, and the processor delivers it again. */
export type NotificationOutcome = 'applied' | 'no_change' | 'unmatched' | 'duplicate' | 'early';

type Deps = { payments: PaymentRepository; processor: ProcessorGateway; clock: Clock; gates: readonly PaymentGate[]; funds: FundsAvailability; log: Logger };

/**
 * A verified processor notification, applied through the same decisions as the synchronous path
 * (applyCaptureResult, applyRefundResult), which are idempotent by state: a capture already applied
 * changes nothing. Then the notification is recorded once under `<processor>_<id>`; a second delivery
 * finds the record and is a duplicate. A reference to nothing of ours (or of the other mode, or of a
 * payment another processor authorised) is recorded as unmatched and acknowledged, never dropped.
 * Disputes open, move and close the same way (apply-dispute-notification).
 *
 * A processor may confirm a capture or refund before the step that asked for it has recorded its
 * answer (the acquirer confirms within a few hundred ms). Such a notification is `early`: nothing
 * is recorded, and the entrypoint asks for it again. Applied at once it would be called unmatched,
 * or it would race that step's own commit to the same document (two read-then-write transactions:
 * the emulator's pessimistic locks deadlock and one waits out a 2 s lock timeout).
 */
export async function applyProcessorNotification(deps: Deps, processor: ProcessorName, n: ProcessorNotification): Promise<NotificationOutcome> {
  const outcome = await apply(deps, processor, n);
  if (outcome === 'early') return 'early';
  const what = n.kind === 'dispute' ? { succeeded: true, processorReference: n.processorDisputeId, disputeStatus: n.status } : { succeeded: n.succeeded, processorReference: n.processorReference };
  const record = { processor, notificationId: n.id, kind: n.kind, ...what, reference: n.reference, amount: n.amount, currency: n.currency, livemode: n.livemode, outcome, receivedMs: deps.clock.nowMs() };
  try {
    await deps.payments.transaction(async (tx) => tx.create(contextRecord(PROCESSOR_NOTIFICATION, `${processor}_${n.id}`, record)));
  } catch (error) {
    if (error instanceof ContextRecordExistsError || (error as { code?: unknown }).code === 6) return 'duplicate';
    throw error;
  }
  if (outcome === 'unmatched') deps.log.warn('processor notification for nothing of ours recorded', { processor, notification: n.id, kind: n.kind, reference: n.reference });
  return outcome;
}

async function apply(deps: Deps, processor: ProcessorName, n: ProcessorNotification): Promise<'applied' | 'no_change' | 'unmatched' | 'early'> {
  switch (n.kind) {
    case 'capture': {
      const payment = await deps.payments.getPayment(n.reference);
      // Our authorisation (with its capture) or our capture step has not recorded the processor's answer yet.
      if (payment?.livemode === n.livemode && payment.status === 'processing' && (payment.stage === 'gates' || !payment.capturePending)) return 'early';
      if (!payment || payment.livemode !== n.livemode || !('authorization' in payment) || payment.authorization?.processor !== processor) return 'unmatched';
      if (payment.status !== 'processing' || payment.stage !== 'capturing') return 'no_change';
      const result = n.succeeded ? { captured: true as const, captureId: n.processorReference } : { captured: false as const, code: 'capture_failed', message: 'The processor could not capture the payment.' };
      await applyCaptureResult(deps, payment, result);
      return 'applied';
    }
    case 'refund': {
      const refund = await deps.payments.getRefund(n.reference);
      if (!refund || refund.livemode !== n.livemode) return 'unmatched';
      if (refund.status !== 'pending') return 'no_change';
      // The refund step has not recorded the processor's acceptance yet.
      if (refund.processorRefundId === null) return 'early';
      await applyRefundResult(deps, refund.id, n.succeeded ? { refunded: true, processorRefundId: n.processorReference } : { refunded: false, code: 'refund_failed' });
      return 'applied';
    }
    case 'void':
      // A void counts as done when the processor accepts it; its confirmation changes nothing.
      return 'no_change';
    case 'dispute':
      return applyDisputeNotification(deps, processor, n);
  }
}
