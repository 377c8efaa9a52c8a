import { ApiError, notFound } from '../../shared/api-error';
import { MerchantContext } from '../../shared/merchant-context';
import { err, ok, Result } from '../../shared/result';
import type { Payout, PayoutStatus } from '../domain/payout';
import type { PayoutPage, SettlementStore } from './settlement.repository';

export async function getPayout(store: Pick<SettlementStore, 'getPayout'>, merchant: MerchantContext, payoutId: string): Promise<Result<Payout, ApiError>> {
  const payout = await store.getPayout(payoutId);
  return payout && payout.merchantId === merchant.merchantId && payout.livemode === merchant.livemode ? ok(payout) : err(notFound('payout', payoutId));
}

/** Newest first, this merchant and mode only. */
export const listPayouts = (store: Pick<SettlementStore, 'listPayouts'>, merchant: MerchantContext, page: { status?: PayoutStatus; limit: number; startingAfter?: string }): Promise<PayoutPage> =>
  store.listPayouts(merchant.merchantId, merchant.livemode, page);
