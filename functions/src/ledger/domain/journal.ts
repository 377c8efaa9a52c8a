import { assertNever, err, ok, Result } from '../../shared/result';
import { BalanceTransaction, FeeDetail } from './balance-transaction';

/**
 * Accounts, named per merchant where the money is owed to one. Debits are positive, credits
 * negative, so a balanced journal sums to zero in every currency.
 * - processor_receivable: captured gross the processor has not yet paid into our bank
 * - merchant_pending / merchant_available: owed to the merchant, before and after its funds are available
 * - payouts_in_transit: payouts sent and not yet confirmed paid by the bank
 * - platform_bank: the platform's bank account (debit = money in)
 * - platform_fee_revenue, fx_markup_revenue: the platform's revenue
 * - fx_position: the platform's conversion account, per currency (each currency's legs balance on their own)
 * - fx_rounding: the integer residue of rounding each FX leg separately, never lost
 * - processor_fees: what the processor charged us (booked from its settlement report)
 */
export type AccountName =
  | 'processor_receivable'
  | 'merchant_pending'
  | 'merchant_available'
  | 'payouts_in_transit'
  | 'platform_bank'
  | 'platform_fee_revenue'
  | 'fx_markup_revenue'
  | 'fx_position'
  | 'fx_rounding'
  | 'processor_fees';

export const ACCOUNT_NAMES: readonly AccountName[] = [
  'processor_receivable', 'merchant_pending', 'merchant_available', 'payouts_in_transit', 'platform_bank',
  'platform_fee_revenue', 'fx_markup_revenue', 'fx_position', 'fx_rounding', 'processor_fees',
];

export type JournalKind = 'capture' | 'refund' | 'settlement' | 'payout_paid' | 'payout_failed' | 'payout_returned' | 'payout_canceled' | 'processor_settlement' | 'dispute' | 'dispute_reversal';

export const JOURNAL_KINDS: readonly JournalKind[] = ['capture', 'refund', 'settlement', 'payout_paid', 'payout_failed', 'payout_returned', 'payout_canceled', 'processor_settlement', 'dispute', 'dispute_reversal'];

export interface LedgerEntry {
  readonly account: AccountName;
  readonly merchantId: string;
  readonly currency: string;
  readonly amount: number;
}

/** The quote behind a conversion, recorded with the journal that used it. */
export interface FxDetail {
  readonly from: string;
  readonly to: string;
  readonly quoteId: string;
  readonly rate: number;
  readonly midRate: number;
  readonly markupBps: number;
}

export interface Journal {
  readonly id: string;
  readonly kind: JournalKind;
  /** Our id of what moved the money: pay_…, re_…, po_…, dp_…. */
  readonly reference: string;
  /** The third party's id of the same movement (processor capture/refund, bank transfer), when known. */
  readonly externalReference?: string;
  readonly merchantId: string;
  readonly livemode: boolean;
  readonly entries: readonly LedgerEntry[];
  readonly fx?: readonly FxDetail[];
  /** What the merchant sees of this journal; written in the same commit. */
  readonly balanceTransactions: readonly BalanceTransaction[];
  readonly createdMs: number;
}

export type JournalError = { readonly code: 'unbalanced_journal' | 'invalid_entry'; readonly message: string };

export function balancedJournal(journal: Journal): Result<Journal, JournalError> {
  const sums = new Map<string, number>();
  for (const entry of journal.entries) {
    if (!Number.isSafeInteger(entry.amount) || entry.amount === 0) {
      return err({ code: 'invalid_entry', message: `Entry on ${entry.account} must be a non-zero integer, got ${entry.amount}` });
    }
    sums.set(entry.currency, (sums.get(entry.currency) ?? 0) + entry.amount);
  }
  for (const [currency, sum] of sums) {
    if (sum !== 0) return err({ code: 'unbalanced_journal', message: `Journal ${journal.id} is off by ${sum} ${currency}` });
  }
  for (const txn of journal.balanceTransactions) {
    if (!Number.isSafeInteger(txn.amount) || !Number.isSafeInteger(txn.fee) || txn.net !== txn.amount - txn.fee) {
      return err({ code: 'invalid_entry', message: `Balance transaction ${txn.id} must have integer amount and fee with net = amount − fee` });
    }
  }
  return journal.entries.length >= 2 ? ok(journal) : err({ code: 'unbalanced_journal', message: 'A journal needs at least two entries' });
}

export function mustBalance(journal: Journal): Journal {
  const checked = balancedJournal(journal);
  // Reaching this is a programming error in the journal builders below, never a merchant input.
  if (!checked.ok) throw new Error(checked.error.message);
  return checked.value;
}

/** Zero amounts are no movement: they are left out rather than refused. */
export const entry = (account: AccountName, merchantId: string, currency: string, amount: number): LedgerEntry[] => (amount === 0 ? [] : [{ account, merchantId, currency, amount }]);

export type TxnBase = Pick<BalanceTransaction, 'merchantId' | 'livemode' | 'journalId'>;

export function txn(base: TxnBase, fields: Omit<BalanceTransaction, keyof TxnBase | 'net' | 'fee' | 'feeDetails' | 'exchangeRate' | 'payoutId' | 'description'> & Partial<Pick<BalanceTransaction, 'fee' | 'feeDetails' | 'exchangeRate' | 'payoutId' | 'description'>>): BalanceTransaction {
  const fee = fields.fee ?? 0;
  return { ...base, feeDetails: [], exchangeRate: null, payoutId: null, description: null, ...fields, fee, net: fields.amount - fee };
}

/** Capture: the processor owes us the gross; we owe the merchant the net (pending until available); the fee is our revenue. */
export function captureJournal(input: { id: string; paymentId: string; captureId?: string; merchantId: string; livemode: boolean; currency: string; gross: number; fee: number; nowMs: number; availableOnMs: number }): Journal {
  const { merchantId, currency, gross, fee, livemode } = input;
  const entries = [...entry('processor_receivable', merchantId, currency, gross), ...entry('merchant_pending', merchantId, currency, -(gross - fee)), ...entry('platform_fee_revenue', merchantId, currency, -fee)];
  const feeDetails: FeeDetail[] = fee > 0 ? [{ type: 'platform_fee', amount: fee, currency, description: 'Payment processing fee' }] : [];
  const charge = txn({ merchantId, livemode, journalId: input.id }, {
    id: `txn_cap_${input.paymentId}`, type: 'charge', amount: gross, fee, feeDetails, currency, availableOnMs: input.availableOnMs, createdMs: input.nowMs, source: input.paymentId,
  });
  return mustBalance({
    id: input.id, kind: 'capture', reference: input.paymentId, ...(input.captureId ? { externalReference: input.captureId } : {}),
    merchantId, livemode, entries, balanceTransactions: [charge], createdMs: input.nowMs,
  });
}

/** Refund: the merchant's available balance returns the money to the processor (at once, even below zero); fees are not returned. */
export function refundJournal(input: { id: string; refundId: string; paymentId: string; processorRefundId?: string; merchantId: string; livemode: boolean; currency: string; amount: number; nowMs: number }): Journal {
  const { merchantId, currency, amount, livemode } = input;
  const entries = [...entry('merchant_available', merchantId, currency, amount), ...entry('processor_receivable', merchantId, currency, -amount)];
  const refund = txn({ merchantId, livemode, journalId: input.id }, {
    id: `txn_ref_${input.refundId}`, type: 'refund', amount: -amount, currency, availableOnMs: input.nowMs, createdMs: input.nowMs, source: input.refundId, description: `Refund of ${input.paymentId}`,
  });
  return mustBalance({
    id: input.id, kind: 'refund', reference: input.refundId, ...(input.processorRefundId ? { externalReference: input.processorRefundId } : {}),
    merchantId, livemode, entries, balanceTransactions: [refund], createdMs: input.nowMs,
  });
}

export interface SettlementConversion {
  readonly from: string;
  readonly fromAmount: number;
  /** In the settlement currency, at the mid rate. */
  readonly gross: number;
  /** What the merchant receives: gross − markup − residue. */
  readonly payout: number;
  readonly markup: number;
  readonly residue: number;
  /** The merchant's rate, after the markup. */
  readonly rate: number;
  readonly midRate: number;
  readonly quoteId: string;
  readonly markupBps: number;
}

export interface SettlementInput {
  readonly journalId: string;
  readonly payoutId: string;
  readonly merchantId: string;
  readonly livemode: boolean;
  readonly nowMs: number;
  readonly settlementCurrency: string;
  /** The unsettled, available balance transactions being settled (any currencies). */
  readonly included: readonly BalanceTransaction[];
  /** One per source currency that differs from settlementCurrency. */
  readonly conversions: readonly SettlementConversion[];
  /** In settlementCurrency: the settlement currency's included net plus every conversion's payout. */
  readonly payoutAmount: number;
}

/**
 * Settlement: the included charges are released from pending to available, every included currency's
 * net leaves the available balance, a foreign currency is converted through the FX position (markup
 * to revenue, rounding residue to its own account), and the payout goes in transit. Every balance
 * transaction it adds belongs to the payout, so `?payout=` lists exactly what the payout paid.
 */
export function settlementJournal(input: SettlementInput): Journal {
  const { merchantId, livemode, settlementCurrency: to, payoutId, nowMs } = input;
  const base: TxnBase = { merchantId, livemode, journalId: input.journalId };
  const netBy = new Map<string, number>();
  const releasedBy = new Map<string, number>();
  for (const included of input.included) {
    if (included.merchantId !== merchantId || included.livemode !== livemode) throw new Error(`Balance transaction ${included.id} is not ${merchantId}'s in this mode`);
    if (included.payoutId !== null) throw new Error(`Balance transaction ${included.id} was already settled by ${included.payoutId}`);
    netBy.set(included.currency, (netBy.get(included.currency) ?? 0) + included.net);
    if (included.type === 'charge') releasedBy.set(included.currency, (releasedBy.get(included.currency) ?? 0) + included.net);
  }
  const entries: LedgerEntry[] = [];
  for (const [currency, released] of releasedBy) entries.push(...entry('merchant_pending', merchantId, currency, released), ...entry('merchant_available', merchantId, currency, -released));
  for (const [currency, net] of netBy) entries.push(...entry('merchant_available', merchantId, currency, net));
  entries.push(...entry('payouts_in_transit', merchantId, to, -(netBy.get(to) ?? 0)));

  const added: BalanceTransaction[] = [];
  let converted = 0;
  for (const c of input.conversions) {
    if (c.from === to) throw new Error(`A conversion from ${c.from} to itself`);
    if (c.fromAmount !== (netBy.get(c.from) ?? 0)) throw new Error(`Conversion of ${c.fromAmount} ${c.from} does not match the settled net ${netBy.get(c.from) ?? 0}`);
    if (c.gross !== c.payout + c.markup + c.residue) throw new Error(`Conversion from ${c.from}: gross ${c.gross} ≠ payout + markup + residue`);
    entries.push(
      ...entry('fx_position', merchantId, c.from, -c.fromAmount),
      ...entry('fx_position', merchantId, to, c.gross),
      ...entry('payouts_in_transit', merchantId, to, -c.payout),
      ...entry('fx_markup_revenue', merchantId, to, -c.markup),
      ...entry('fx_rounding', merchantId, to, -c.residue),
    );
    converted += c.payout;
    added.push(
      txn(base, { id: `txn_fxo_${payoutId}_${c.from}`, type: 'fx', amount: -c.fromAmount, currency: c.from, availableOnMs: nowMs, createdMs: nowMs, source: payoutId, exchangeRate: c.rate, payoutId, description: `Converted to ${to.toUpperCase()}` }),
      txn(base, {
        id: `txn_fxi_${payoutId}_${c.from}`, type: 'fx', amount: c.payout + c.markup, fee: c.markup, currency: to, availableOnMs: nowMs, createdMs: nowMs, source: payoutId, exchangeRate: c.rate, payoutId,
        feeDetails: c.markup > 0 ? [{ type: 'fx_markup', amount: c.markup, currency: to, description: `FX markup ${c.markupBps} bps (quote ${c.quoteId})` }] : [],
        description: `Converted from ${c.from.toUpperCase()}`,
      }),
    );
  }
  for (const currency of netBy.keys()) {
    if (currency !== to && !input.conversions.some((c) => c.from === currency)) throw new Error(`Settled ${currency} is neither the settlement currency nor converted`);
  }
  if (input.payoutAmount !== (netBy.get(to) ?? 0) + converted) throw new Error(`Payout ${input.payoutAmount} ≠ settled ${to} net + converted amounts`);
  if (input.payoutAmount <= 0) throw new Error(`A payout must be positive, got ${input.payoutAmount}`);
  added.push(txn(base, { id: `txn_set_${payoutId}`, type: 'payout', amount: -input.payoutAmount, currency: to, availableOnMs: nowMs, createdMs: nowMs, source: payoutId, payoutId, description: 'Payout' }));

  return mustBalance({
    id: input.journalId, kind: 'settlement', reference: payoutId, merchantId, livemode, entries, createdMs: nowMs,
    fx: input.conversions.map((c) => ({ from: c.from, to, quoteId: c.quoteId, rate: c.rate, midRate: c.midRate, markupBps: c.markupBps })),
    balanceTransactions: added,
  });
}

export type PayoutOutcomeKind = 'payout_paid' | 'payout_failed' | 'payout_returned' | 'payout_canceled';

const OUTCOME_ID_PREFIX: Record<PayoutOutcomeKind, string> = { payout_paid: 'paid', payout_failed: 'fail', payout_returned: 'ret', payout_canceled: 'cxl' };

/**
 * What happens to a payout after it left the available balance: paid (the money leaves our bank),
 * failed before paying or canceled (back from in transit to available), returned after it was paid
 * (back into our bank, and to available). Money that comes back is a balance transaction, available at once.
 */
export function payoutOutcomeJournal(input: { kind: PayoutOutcomeKind; payoutId: string; merchantId: string; livemode: boolean; currency: string; amount: number; nowMs: number; reason?: string; externalReference?: string }): Journal {
  const { kind, payoutId, merchantId, livemode, currency, amount, nowMs } = input;
  if (!Number.isSafeInteger(amount) || amount <= 0) throw new Error(`A payout outcome moves a positive amount, got ${amount}`);
  const id = `jrn_${OUTCOME_ID_PREFIX[kind]}_${payoutId}`;
  const base: TxnBase = { merchantId, livemode, journalId: id };
  const back = (type: 'payout_failure' | 'payout_cancel') => [
    txn(base, { id: `txn_${OUTCOME_ID_PREFIX[kind]}_${payoutId}`, type, amount, currency, availableOnMs: nowMs, createdMs: nowMs, source: payoutId, description: input.reason ?? null }),
  ];
  const journal = (entries: LedgerEntry[], balanceTransactions: BalanceTransaction[]): Journal =>
    mustBalance({ id, kind, reference: payoutId, ...(input.externalReference ? { externalReference: input.externalReference } : {}), merchantId, livemode, entries, balanceTransactions, createdMs: nowMs });
  switch (kind) {
    case 'payout_paid':
      return journal([...entry('payouts_in_transit', merchantId, currency, amount), ...entry('platform_bank', merchantId, currency, -amount)], []);
    case 'payout_failed':
      return journal([...entry('payouts_in_transit', merchantId, currency, amount), ...entry('merchant_available', merchantId, currency, -amount)], back('payout_failure'));
    case 'payout_canceled':
      return journal([...entry('payouts_in_transit', merchantId, currency, amount), ...entry('merchant_available', merchantId, currency, -amount)], back('payout_cancel'));
    case 'payout_returned':
      return journal([...entry('platform_bank', merchantId, currency, amount), ...entry('merchant_available', merchantId, currency, -amount)], back('payout_failure'));
    default:
      return assertNever(kind);
  }
}

/**
 * The processor paid a day's net of one currency into our bank: the bank is debited with the deposit,
 * the processor's fees are our expense, and the receivable for the day's captures less refunds is
 * cleared. Booked by reconciliation once the report's net and the bank's deposit agree; the platform's
 * own movement, so it names no merchant and adds no balance transaction. Its id names the day and
 * currency, so a second reconciliation of the day writes the same journal.
 */
export function processorSettlementJournal(input: { livemode: boolean; date: string; currency: string; captures: number; refunds: number; fees: number; deposited: number; nowMs: number }): Journal {
  const { livemode, currency } = input;
  const platform = 'platform';
  const entries = [
    ...entry('platform_bank', platform, currency, input.deposited),
    ...entry('processor_fees', platform, currency, input.fees),
    ...entry('processor_receivable', platform, currency, -(input.captures - input.refunds)),
  ];
  return mustBalance({
    id: `jrn_ps_${livemode ? 'live' : 'test'}_${input.date.replace(/-/g, '')}_${currency}`,
    kind: 'processor_settlement', reference: `ps_${input.date}_${currency}`, merchantId: platform, livemode, entries, balanceTransactions: [], createdMs: input.nowMs,
  });
}

/** What the merchant is owed, from the ledger's point of view (a liability, so credits count up). */
export const merchantBalanceFromSum = (merchantAccountSum: number): number => -merchantAccountSum;
