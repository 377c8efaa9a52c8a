import { Clock } from '../../shared/clock';
import { contextRecord, ContextRecordExistsError } from '../../shared/context-record';
import { Logger } from '../../shared/logger';
import { ProcessorName } from '../domain/payment';
import { applyCaptureResult } from './execute-capture.command';
import { applyRefundResult } from './execute-refund.command';
import { FundsAvailability } from './funds-availability';
import { PaymentGate } from './payment-gates';
import { AlsoStage, PaymentRepository, PaymentsTransaction } from './payment.repository';
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
 * changes nothing. The notification is recorded once under `<processor>_<id>`, in the transaction of
 * its effect, so neither commits without the other; a second delivery finds the record and is a
 * duplicate. A reference to nothing of ours (or of the other mode, or of a payment another processor
 * authorised) is recorded as unmatched and acknowledged, never dropped.
 * Disputes open, move and close the same way (apply-dispute-notification).
 *
 * A processor may confirm a capture or refund before the step that asked for it has recorded its
 * answer (the acquirer confirms within a few hundred ms). Such a notification is `early`: nothing
 * is recorded, and the entrypoint asks for it again. Applied at once it would be called unmatched,
 * or it would race that step's own commit to the same document (two read-then-write transactions:
 * the emulator's pessimistic locks deadlock and one waits out a 2 s lock timeout).
 */
export async function applyProcessorNotification(deps: Deps, processor: ProcessorName, n: ProcessorNotification): Promise<NotificationOutcome> {
  const what = n.kind === 'dispute' ? { succeeded: true, processorReference: n.processorDisputeId, disputeStatus: n.status } : { succeeded: n.succeeded, processorReference: n.processorReference };
  const receivedMs = deps.clock.nowMs();
  const record: Recorder = (tx, outcome) =>
    tx.create(contextRecord(PROCESSOR_NOTIFICATION, `${processor}_${n.id}`, { processor, notificationId: n.id, kind: n.kind, ...what, reference: n.reference, amount: n.amount, currency: n.currency, livemode: n.livemode, outcome, receivedMs }));
  let outcome: NotificationOutcome;
  try {
    outcome = await apply(deps, processor, n, record);
  } catch (error) {
    // A second delivery of one already recorded: its record's create fails the commit, effect and all.
    if (error instanceof ContextRecordExistsError || (error as { code?: unknown }).code === 6) return 'duplicate';
    throw error;
  }
  if (outcome === 'unmatched') deps.log.warn('processor notification for nothing of ours recorded', { processor, notification: n.id, kind: n.kind, reference: n.reference });
  return outcome;
}

type Recorded = 'applied' | 'no_change' | 'unmatched';
/** Stages the notification's record, with what came of it, in the transaction that decided it. */
type Recorder = (tx: PaymentsTransaction, outcome: Recorded) => void;

/** An outcome decided before any transaction: recorded on its own. */
async function recordedAlone(deps: Deps, record: Recorder, outcome: Recorded): Promise<Recorded> {
  await deps.payments.transaction(async (tx) => record(tx, outcome));
  return outcome;
}

/** Runs a command that stages the record in its own transaction, and says whether it changed anything. */
async function recordedWith(run: (alsoStage: AlsoStage) => Promise<unknown>, record: Recorder): Promise<Recorded> {
  let outcome: Recorded = 'no_change';
  await run((tx, changed) => {
    outcome = changed ? 'applied' : 'no_change';
    record(tx, outcome);
  });
  return outcome;
}

async function apply(deps: Deps, processor: ProcessorName, n: ProcessorNotification, record: Recorder): Promise<NotificationOutcome> {
  switch (n.kind) {
    case 'capture': {
      const payment = await deps.payments.getPayment(n.reference);
      if (!payment || payment.livemode !== n.livemode) return recordedAlone(deps, record, 'unmatched');
      // Our authorisation (with its capture) or our capture step has not recorded the processor's answer yet.
      if (payment.status === 'processing' && (payment.stage === 'gates' || (payment.authorization.processor === processor && !payment.capturePending))) return 'early';
      if (!('authorization' in payment) || payment.authorization?.processor !== processor) return recordedAlone(deps, record, 'unmatched');
      if (payment.status !== 'processing' || payment.stage !== 'capturing') return recordedAlone(deps, record, 'no_change');
      const result = n.succeeded ? { captured: true as const, captureId: n.processorReference } : { captured: false as const, code: 'capture_failed', message: 'The processor could not capture the payment.' };
      return recordedWith((alsoStage) => applyCaptureResult(deps, payment, result, alsoStage), record);
    }
    case 'refund': {
      const refund = await deps.payments.getRefund(n.reference);
      if (!refund || refund.livemode !== n.livemode) return recordedAlone(deps, record, 'unmatched');
      if (refund.status !== 'pending') return recordedAlone(deps, record, 'no_change');
      // The refund step has not recorded the processor's acceptance yet.
      if (refund.processorRefundId === null) return 'early';
      const outcome = n.succeeded ? { refunded: true as const, processorRefundId: n.processorReference } : { refunded: false as const, code: 'refund_failed' };
      return recordedWith((alsoStage) => applyRefundResult(deps, refund.id, outcome, alsoStage), record);
    }
    case 'void':
      // A void counts as done when the processor accepts it; its confirmation changes nothing.
      return recordedAlone(deps, record, 'no_change');
    case 'dispute':
      return applyDisputeNotification(deps, processor, n, record);
  }
}
