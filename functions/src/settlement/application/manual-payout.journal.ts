import type { BalanceTransaction } from '../../ledger/domain/balance-transaction';
import { balancedJournal, Journal } from '../../ledger/domain/journal';

/**
 * A manual payout (POST /v1/payouts) pays an amount out of the available balance without picking
 * the transactions it pays: merchant_available DR / payouts_in_transit CR, and a `payout` balance
 * transaction of −amount that stays unsettled (payoutId null). The next automatic settlement nets it
 * against the transactions it pays, so no charge is ever paid out twice; a failed or canceled manual
 * payout's +amount nets it back to zero.
 */
export function manualPayoutJournal(input: { payoutId: string; merchantId: string; livemode: boolean; currency: string; amount: number; nowMs: number; description: string | null }): Journal {
  const { payoutId, merchantId, livemode, currency, amount, nowMs } = input;
  const id = `jrn_set_${payoutId}`;
  const txn: BalanceTransaction = {
    id: `txn_set_${payoutId}`,
    merchantId,
    livemode,
    type: 'payout',
    amount: -amount,
    fee: 0,
    feeDetails: [],
    net: -amount,
    currency,
    availableOnMs: nowMs,
    createdMs: nowMs,
    source: payoutId,
    exchangeRate: null,
    payoutId: null,
    journalId: id,
    description: input.description,
  };
  const journal: Journal = {
    id,
    kind: 'settlement',
    reference: payoutId,
    merchantId,
    livemode,
    entries: [
      { account: 'merchant_available', merchantId, currency, amount },
      { account: 'payouts_in_transit', merchantId, currency, amount: -amount },
    ],
    createdMs: nowMs,
    balanceTransactions: [txn],
  };
  const checked = balancedJournal(journal);
  if (!checked.ok) throw new Error(checked.error.message);
  return checked.value;
}
