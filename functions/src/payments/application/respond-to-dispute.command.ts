import { QUEUES } from '../../contracts/payment-tasks.v1';
import type { DisputeEvidenceV1 } from '../../contracts/disputes-api.v1';
import { ApiError, invalidRequest } from '../../shared/api-error';
import { Clock } from '../../shared/clock';
import { err, ok, Result } from '../../shared/result';
import { acceptDispute, Dispute, DisputeDecision, DisputeError, updateEvidence } from '../domain/dispute';
import { actorOf } from '../../shared/merchant-access';
import type { MerchantContext } from '../../shared/merchant-context';
import { DisputeAudit, stageDisputeDecision } from './dispute-decision.commit';
import { disputeNotFound } from './get-dispute.query';
import { PaymentsTransaction } from './payment.repository';
import { ownedBy } from './payment-errors.mapper';

/** The task that carries a submitted answer to the processor: one per dispute and action (named, so a retried request creates it once). */
export const disputeResponseTaskName = (disputeId: string, action: 'submit_evidence' | 'accept'): string => `dispute-${disputeId}-${action}`;

/** POST /v1/disputes/{id}: saves evidence (merged with what was saved) and, unless `submit` is false, sends it to the processor. */
export function updateDispute(deps: { clock: Clock }, tx: PaymentsTransaction, merchant: MerchantContext, input: { disputeId: string; evidence?: DisputeEvidenceV1; submit: boolean; metadata?: Record<string, string> }): Promise<Result<Dispute, ApiError>> {
  const evidence = Object.fromEntries(Object.entries(input.evidence ?? {}).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  const fields = Object.keys(evidence).sort().join(', ') || 'none new';
  const audit = { action: 'dispute.evidence_updated' as const, reason: `${input.submit ? 'submitted evidence' : 'saved evidence without submitting'} (${fields})` };
  return respond(deps, tx, merchant, input.disputeId, input.submit ? 'submit_evidence' : null, audit, (dispute, nowMs) => updateEvidence(dispute, { evidence, submit: input.submit, metadata: input.metadata, nowMs }));
}

/** POST /v1/disputes/{id}/close: the merchant accepts the dispute (a chargeback is lost); the processor is told. */
export function closeDispute(deps: { clock: Clock }, tx: PaymentsTransaction, merchant: MerchantContext, input: { disputeId: string }): Promise<Result<Dispute, ApiError>> {
  return respond(deps, tx, merchant, input.disputeId, 'accept', { action: 'dispute.accepted', reason: 'accepted the dispute' }, (dispute, nowMs) => acceptDispute(dispute, nowMs));
}

async function respond(
  deps: { clock: Clock },
  tx: PaymentsTransaction,
  merchant: MerchantContext,
  disputeId: string,
  forward: 'submit_evidence' | 'accept' | null,
  audit: Omit<DisputeAudit, 'actor'>,
  decide: (dispute: Dispute, nowMs: number) => Result<DisputeDecision, DisputeError>,
): Promise<Result<Dispute, ApiError>> {
  const dispute = ownedBy(await tx.getDispute(disputeId), merchant);
  if (!dispute) return err(disputeNotFound(disputeId));
  const nowMs = deps.clock.nowMs();
  const decision = decide(dispute, nowMs);
  if (!decision.ok) return err(invalidRequest(decision.error.code, decision.error.message));
  // The evidence's text stays on the dispute; the trail says who answered, when and with which fields.
  // A merchant's answer never withdraws money, so it never marks the payment: it is not read.
  stageDisputeDecision(tx, null, decision.value, nowMs, { ...audit, actor: merchant.credential ? actorOf(merchant.credential) : `merchant:${merchant.merchantId}` });
  if (forward) tx.handOff({ queue: QUEUES.disputeResponses, name: disputeResponseTaskName(dispute.id, forward), payload: { dispute_id: dispute.id, action: forward } });
  return ok(decision.value.dispute);
}
