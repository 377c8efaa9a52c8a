import { ApiError, invalidRequest, notFound } from '../../shared/api-error';
import { MerchantContext } from '../../shared/merchant-context';
import { err, ok, Result } from '../../shared/result';
import { decide, Payout } from '../domain/payout';
import { recordPayoutEvents } from './apply-payout-decision';
import type { SettlementTransaction } from './settlement.repository';

/**
 * POST /v1/payouts/{id}/cancel: only a pending payout whose submission has not started; its money goes
 * back to the available balance (payout_canceled journal, payout_cancel transaction). Runs inside the
 * request's idempotent transaction.
 */
export async function cancelPayout(tx: SettlementTransaction, merchant: MerchantContext, payoutId: string, nowMs: number): Promise<Result<Payout, ApiError>> {
  const payout = await tx.getPayout(payoutId);
  // Another merchant's payout, or one of the other mode, does not exist for this key.
  if (!payout || payout.merchantId !== merchant.merchantId || payout.livemode !== merchant.livemode) return err(notFound('payout', payoutId));
  const decided = decide(payout, { kind: 'cancel' });
  if (!decided.ok) return err(invalidRequest(decided.error.code, decided.error.message));
  return ok(recordPayoutEvents(tx, payout, decided.value, nowMs));
}
