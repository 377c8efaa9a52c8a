import { assertNever } from '../../shared/result';
import { decide, PayoutCommand } from '../domain/payout';
import type { BankWebhookEvent } from './bank.gateway';
import { recordPayoutEvents } from './apply-payout-decision';
import type { SettlementDeps } from './settlement.deps';

export type BankWebhookOutcome = 'applied' | 'no_change' | 'unknown_payout' | 'duplicate';

const commandFor = (event: BankWebhookEvent): PayoutCommand => {
  switch (event.type) {
    case 'transfer.paid':
      return { kind: 'bank_paid', transferId: event.transferId };
    case 'transfer.failed':
      return { kind: 'bank_failed', transferId: event.transferId, code: event.failureCode ?? 'unknown' };
    case 'transfer.returned':
      return { kind: 'bank_returned', transferId: event.transferId, code: event.failureCode ?? 'unknown' };
    default:
      return assertNever(event.type);
  }
};

/**
 * A verified bank webhook, applied once per bank event id (`bank_events/<id>` is created in the
 * same commit as its effect). Paid books the money out of our bank; failed and returned give it back
 * to the merchant's available balance with a payout_failure transaction. A reference to no payout of
 * that mode is recorded and acknowledged (the bank would otherwise deliver it forever).
 */
export async function applyBankWebhook(deps: Pick<SettlementDeps, 'store' | 'clock' | 'log'>, event: BankWebhookEvent): Promise<BankWebhookOutcome> {
  const outcome = await deps.store.transaction(async (tx): Promise<BankWebhookOutcome> => {
    if (await tx.bankEventExists(event.id)) return 'duplicate';
    const nowMs = deps.clock.nowMs();
    const payout = await tx.getPayout(event.reference);
    const record = { id: event.id, type: event.type, transferId: event.transferId, reference: event.reference, livemode: event.livemode, receivedMs: nowMs };
    if (!payout || payout.livemode !== event.livemode) {
      tx.createBankEvent({ ...record, outcome: 'unknown_payout' });
      return 'unknown_payout';
    }
    const decided = decide(payout, commandFor(event));
    if (!decided.ok) throw new Error(decided.error.message);
    recordPayoutEvents(tx, payout, decided.value, nowMs);
    const applied = decided.value.length > 0 ? 'applied' : 'no_change';
    tx.createBankEvent({ ...record, outcome: applied });
    return applied;
  });
  if (outcome === 'unknown_payout') deps.log.warn('bank webhook for an unknown payout recorded', { bank_event: event.id, type: event.type });
  return outcome;
}
