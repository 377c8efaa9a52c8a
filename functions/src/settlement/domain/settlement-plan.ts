import { convertForPayout } from './fx-conversion';

/** What the plan reads of a balance transaction (the ledger's BalanceTransaction has these fields). */
export interface SettleableTransaction {
  readonly id: string;
  readonly currency: string;
  readonly net: number;
  readonly availableOnMs: number;
  readonly createdMs: number;
  readonly payoutId: string | null;
}

/** What the plan reads of an FX quote (the FxProvider's FxQuote). */
export interface PlanQuote {
  readonly id: string;
  readonly from: string;
  readonly to: string;
  readonly midRate: number;
  readonly expiresAtMs: number;
}

// What one settlement run pays a merchant, decided from the unsettled, available balance
// transactions alone (pure: the command reads them and the FX quotes first, then commits the plan).
//
// Per currency the transactions' net is summed. A currency whose net is zero or negative is carried:
// its transactions stay unsettled, so a negative balance (refunds beyond takings) is recovered from
// later funds instead of being dropped. With a settlement currency, every other positive currency
// is converted into it at the quote's mid rate less the platform markup (convertForPayout) and the
// merchant gets one payout; without one, each positive currency is paid out in itself.

/** Firestore commits at most 500 writes; a payout marks each transaction it settles, so at most this many per run. */
export const MAX_TRANSACTIONS_PER_RUN = 400;

export interface PlannedConversion {
  readonly from: string;
  readonly fromAmount: number;
  readonly gross: number;
  readonly payout: number;
  readonly markup: number;
  readonly residue: number;
  readonly rate: number;
  readonly midRate: number;
  readonly quoteId: string;
  readonly markupBps: number;
}

export interface PlannedPayout<T extends SettleableTransaction = SettleableTransaction> {
  readonly currency: string;
  /** The settlement currency's net plus every conversion's payout: what the bank sends. */
  readonly amount: number;
  readonly included: readonly T[];
  readonly conversions: readonly PlannedConversion[];
}

export type CarryReason = 'not_positive' | 'no_fx_quote' | 'converts_to_nothing';

export interface CarriedCurrency {
  readonly currency: string;
  readonly net: number;
  readonly transactions: number;
  readonly reason: CarryReason;
}

export interface SettlementPlan<T extends SettleableTransaction = SettleableTransaction> {
  readonly payouts: readonly PlannedPayout<T>[];
  readonly carried: readonly CarriedCurrency[];
}

export interface SettlementPlanInput<T extends SettleableTransaction> {
  readonly settlementCurrency: string | null;
  /** Unsettled and available at the cutoff (payoutId null), any currencies, in any order. */
  readonly candidates: readonly T[];
  /** One quote per currency to convert, keyed by its `from` currency. */
  readonly quotes: ReadonlyMap<string, PlanQuote>;
  readonly markupBps: number;
  readonly nowMs: number;
  readonly maxTransactions?: number;
}

const byCurrency = <T extends SettleableTransaction>(txns: readonly T[]): Map<string, T[]> => {
  const groups = new Map<string, T[]>();
  for (const txn of txns) (groups.get(txn.currency) ?? groups.set(txn.currency, []).get(txn.currency)!).push(txn);
  return groups;
};

const netOf = (txns: readonly SettleableTransaction[]): number => txns.reduce((sum, txn) => sum + txn.net, 0);

/** The oldest transactions first, at most `max`: the rest wait for the next run. */
export function boundedCandidates<T extends SettleableTransaction>(candidates: readonly T[], max = MAX_TRANSACTIONS_PER_RUN): T[] {
  return [...candidates]
    .filter((txn) => txn.payoutId === null)
    .sort((a, b) => a.availableOnMs - b.availableOnMs || a.createdMs - b.createdMs || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .slice(0, max);
}

/** The currencies that need an FX quote before the run commits: positive and not the settlement currency. */
export function currenciesToConvert(settlementCurrency: string | null, candidates: readonly SettleableTransaction[], max = MAX_TRANSACTIONS_PER_RUN): string[] {
  if (settlementCurrency === null) return [];
  return [...byCurrency(boundedCandidates(candidates, max))]
    .filter(([currency, txns]) => currency !== settlementCurrency && netOf(txns) > 0)
    .map(([currency]) => currency)
    .sort();
}

export function planSettlement<T extends SettleableTransaction>(input: SettlementPlanInput<T>): SettlementPlan<T> {
  const groups = [...byCurrency(boundedCandidates(input.candidates, input.maxTransactions))].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const carried: CarriedCurrency[] = [];
  const carry = (currency: string, txns: readonly T[], reason: CarryReason) => carried.push({ currency, net: netOf(txns), transactions: txns.length, reason });
  const positive = groups.filter(([currency, txns]) => (netOf(txns) > 0 ? true : (carry(currency, txns, 'not_positive'), false)));

  if (input.settlementCurrency === null) {
    return { payouts: positive.map(([currency, txns]) => ({ currency, amount: netOf(txns), included: txns, conversions: [] })), carried };
  }

  const to = input.settlementCurrency;
  const included: T[] = [];
  const conversions: PlannedConversion[] = [];
  let amount = 0;
  for (const [currency, txns] of positive) {
    const net = netOf(txns);
    if (currency === to) {
      included.push(...txns);
      amount += net;
      continue;
    }
    const quote = input.quotes.get(currency);
    // A currency whose quote is missing (or expired by now) waits for the next run rather than be paid at a stale rate.
    if (!quote || quote.from !== currency || quote.to !== to || quote.expiresAtMs <= input.nowMs) {
      carry(currency, txns, 'no_fx_quote');
      continue;
    }
    const converted = convertForPayout({ fromAmount: net, from: currency, to, midRate: quote.midRate, markupBps: input.markupBps });
    // Too little to be worth one unit of the settlement currency: kept until it adds up.
    if (converted.payout <= 0 || converted.gross <= 0) {
      carry(currency, txns, 'converts_to_nothing');
      continue;
    }
    included.push(...txns);
    conversions.push({ from: currency, fromAmount: net, ...converted, midRate: quote.midRate, quoteId: quote.id, markupBps: input.markupBps });
    amount += converted.payout;
  }
  return { payouts: amount > 0 ? [{ currency: to, amount, included, conversions }] : [], carried };
}
