import { entry, Journal, mustBalance, txn } from './journal';

// A chargeback's money: the processor takes the disputed amount back from us at once (it nets it from
// what it owes), and the merchant's available balance pays for it plus the dispute fee, which is the
// platform's revenue. A won chargeback brings the amount back the same way; the fee stays charged.

interface DisputeMoney {
  readonly id: string;
  readonly disputeId: string;
  readonly paymentId: string;
  readonly processorDisputeId: string;
  readonly merchantId: string;
  readonly livemode: boolean;
  readonly currency: string;
  readonly amount: number;
  readonly nowMs: number;
}

/** Chargeback opened: merchant_available pays amount + fee; processor_receivable gives back the amount; the fee is revenue. */
export function disputeJournal(input: DisputeMoney & { readonly fee: number }): Journal {
  const { merchantId, currency, amount, fee, livemode } = input;
  const entries = [...entry('merchant_available', merchantId, currency, amount + fee), ...entry('processor_receivable', merchantId, currency, -amount), ...entry('platform_fee_revenue', merchantId, currency, -fee)];
  const withdrawal = txn({ merchantId, livemode, journalId: input.id }, {
    id: `txn_dp_${input.disputeId}`, type: 'adjustment', amount: -amount, fee, feeDetails: fee > 0 ? [{ type: 'platform_fee', amount: fee, currency, description: 'Dispute fee' }] : [],
    currency, availableOnMs: input.nowMs, createdMs: input.nowMs, source: input.disputeId, description: `Chargeback withdrawal for ${input.paymentId}`,
  });
  return mustBalance({ id: input.id, kind: 'dispute', reference: input.disputeId, externalReference: input.processorDisputeId, merchantId, livemode, entries, balanceTransactions: [withdrawal], createdMs: input.nowMs });
}

/** Chargeback won: the processor owes the amount again and the merchant's available balance gets it back. */
export function disputeReversalJournal(input: DisputeMoney): Journal {
  const { merchantId, currency, amount, livemode } = input;
  const entries = [...entry('processor_receivable', merchantId, currency, amount), ...entry('merchant_available', merchantId, currency, -amount)];
  const reinstatement = txn({ merchantId, livemode, journalId: input.id }, {
    id: `txn_dpr_${input.disputeId}`, type: 'adjustment', amount, currency, availableOnMs: input.nowMs, createdMs: input.nowMs, source: input.disputeId, description: `Chargeback reversal for ${input.paymentId}`,
  });
  return mustBalance({ id: input.id, kind: 'dispute_reversal', reference: input.disputeId, externalReference: input.processorDisputeId, merchantId, livemode, entries, balanceTransactions: [reinstatement], createdMs: input.nowMs });
}
