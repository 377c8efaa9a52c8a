import { done, dropped, HandlerOutcome } from '../../platform/application/handler-outcome';
import { decide, PayoutCommand } from '../domain/payout';
import { recordPayoutEvents } from './apply-payout-decision';
import type { BankTransferResult } from './bank.gateway';
import type { SettlementDeps } from './settlement.deps';

/**
 * The submit-payout task: hands a pending payout to the bank. The transfer's idempotency key is the
 * payout id, so a redelivered task (or one whose commit was lost) finds the same transfer. Accepted
 * → in_transit; a definitive refusal → failed with the bank's code and the money back to the
 * available balance; an unknown outcome (BankUnavailableError, anything unexpected) throws and the
 * task is retried with the same key. A payout canceled meanwhile is never sent.
 */
export async function submitPayout(deps: Pick<SettlementDeps, 'store' | 'bank' | 'clock' | 'log'>, payoutId: string): Promise<HandlerOutcome> {
  if (!(await deps.store.getPayout(payoutId))) return dropped(`payout_not_found: ${payoutId}`);
  // First close the cancel window, in its own commit: a payout the merchant canceled is never sent,
  // and one that may be sent can no longer be canceled.
  const payout = await deps.store.transaction(async (tx) => {
    const current = await tx.getPayout(payoutId);
    if (!current) throw new Error(`payout ${payoutId} vanished`);
    const decided = decide(current, { kind: 'start_submission' });
    return decided.ok ? recordPayoutEvents(tx, current, decided.value, deps.clock.nowMs()) : current;
  });
  if (payout.status !== 'pending') return done(`payout is ${payout.status}`);
  // The bank's token lives in the payout settings only (the payout document is readable by the
  // merchant's apps). An account replaced since the payout was made is not the one it promised.
  const account = (await deps.store.getPayoutSettings(payout.merchantId, payout.livemode))?.bankAccount ?? null;
  const sameAccount = account !== null && account.last4 === payout.destination.last4 && account.country === payout.destination.country && account.currency === payout.destination.currency;
  const answer: BankTransferResult = sameAccount
    ? await deps.bank.createTransfer({ livemode: payout.livemode, idempotencyKey: payout.id, payoutId: payout.id, token: account.token, amount: payout.amount, currency: payout.currency })
    : { kind: 'rejected', code: 'bank_account_changed', message: 'The bank account was removed or replaced after the payout was created.' };
  const command: PayoutCommand =
    answer.kind === 'accepted' ? { kind: 'transfer_accepted', transferId: answer.transferId } : { kind: 'transfer_rejected', code: answer.code, message: answer.message };
  const status = await deps.store.transaction(async (tx) => {
    const current = await tx.getPayout(payoutId);
    if (!current) throw new Error(`payout ${payoutId} vanished`);
    const decided = decide(current, command);
    // A transfer command is never refused (only cancel is); the union says so.
    if (!decided.ok) throw new Error(decided.error.message);
    return recordPayoutEvents(tx, current, decided.value, deps.clock.nowMs()).status;
  });
  if (answer.kind === 'rejected') deps.log.warn('bank refused a payout', { payout_id: payoutId, code: answer.code });
  return done(`payout ${status}`);
}
