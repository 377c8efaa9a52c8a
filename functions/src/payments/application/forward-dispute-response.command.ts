import type { DisputeResponseTaskV1 } from '../../contracts/payment-tasks.v1';
import { Logger } from '../../shared/logger';
import { DisputeResponse } from './processor-connector';
import { ProcessorGateway } from './processor.gateway';
import { PaymentRepository } from './payment.repository';
import { done, dropped, HandlerOutcome } from './task-outcome';

/**
 * Carries the merchant's committed answer (evidence, or acceptance) to the processor the dispute came
 * from, under a key per dispute and action, so a retried task is one answer there. The processor
 * decides later and says so by notification. A refusal (the dispute closed there meanwhile, say) is
 * permanent: logged and acknowledged, and the processor's own notification tells us where it stands.
 * A processor that cannot be reached, or whose answer is lost, throws: the queue retries.
 */
export async function forwardDisputeResponse(deps: { payments: Pick<PaymentRepository, 'getDispute'>; processor: ProcessorGateway; log: Logger }, task: DisputeResponseTaskV1): Promise<HandlerOutcome> {
  const dispute = await deps.payments.getDispute(task.dispute_id);
  if (!dispute) return dropped('dispute_not_found');
  const response: DisputeResponse = task.action === 'accept' ? { kind: 'accept' } : { kind: 'evidence', evidence: dispute.evidence };
  const outcome = await deps.processor.respondToDispute({
    processor: dispute.processor,
    livemode: dispute.livemode,
    idempotencyKey: `dispute_${dispute.id}_${task.action}`,
    processorDisputeId: dispute.processorDisputeId,
    reference: dispute.paymentId,
    response,
  });
  if (outcome.status === 'refused') {
    deps.log.warn('processor refused a dispute response', { dispute: dispute.id, processor: dispute.processor, action: task.action, code: outcome.code });
    return done(`refused: ${outcome.code}`);
  }
  return done(`${task.action} accepted by ${dispute.processor}`);
}
