import { QUEUES } from '../../contracts/payment-tasks.v1';
import type { BalanceTransaction } from '../../ledger/domain/balance-transaction';
import { settlementJournal } from '../../ledger/domain/journal';
import type { PaymentEventV1 } from '../../contracts/payment-events.v1';
import { sha256Hex } from '../../shared/ids';
import { Payout, pendingPayout } from '../domain/payout';
import { defaultPayoutSettings } from '../domain/payout-settings';
import { currenciesToConvert, planSettlement } from '../domain/settlement-plan';
import { DAY_MS, merchantModeId, scheduledCutoffMs, settlementId, submitTaskName } from '../domain/settlement-date';
import type { FxQuote } from './fx.provider';
import { balanceAvailableEvents, payoutEvent } from './payout-events';
import type { SettlementDeps } from './settlement.deps';
import type { BalanceSummary, SettlementRecord, SettlementTransaction } from './settlement.repository';

export interface SettlementRunRequest {
  readonly merchantId: string;
  readonly livemode: boolean;
  /** YYYY-MM-DD (UTC): funds available by the end of this day, and by now, are paid. */
  readonly settlementDate: string;
  /** The run's id; the schedule's run of a date is `settlementId(merchant, mode, date)`, so it happens once. */
  readonly runId?: string;
  /** Pay what is available at this time; the schedule's run pays what was available when its day began. */
  readonly cutoffMs?: number;
  /** What the daily scan found unsettled (the task payload); without it the merchant's unsettled transactions are queried. */
  readonly unsettled?: readonly UnsettledSeen[];
  /** When that scan began: a payout committed since then makes the payload stale, and the run queries afresh. */
  readonly scannedAtMs?: number;
}

/** A balance transaction as seen before the run: enough to price it and to sum the balance; re-read by id in the transaction. */
export interface UnsettledSeen {
  readonly id: string;
  readonly currency: string;
  readonly net: number;
  readonly availableOnMs: number;
}

export interface SettlementRunResult {
  readonly runId: string;
  readonly payouts: readonly Payout[];
  readonly skippedReason: string | null;
  /** true when this run had already been recorded: nothing was done again. */
  readonly alreadySettled: boolean;
}

/** Deterministic per run and currency: a transaction body that runs twice names the same payout. */
/** Unsettled transactions are read up to this far in the future: every one, whenever it becomes available. */
const UNSETTLED_HORIZON_MS = 8_640_000_000_000_000;
/** At most this many unsettled transactions are read per run (what is new since the last settlement). */
const MAX_UNSETTLED_READ = 1_000;

/** Another payout from this balance committed while the run was reading it: transient, the task retries. */
export class SettlementRaceError extends Error {
  constructor(merchantId: string) {
    super(`A payout for ${merchantId} committed during its settlement run; retrying`);
  }
}

export const payoutIdFor = (runId: string, currency: string): string => `po_${sha256Hex(`${runId}:${currency}`).slice(0, 24)}`;

/**
 * One merchant's settlement for one date, in one Firestore transaction. Before it (reads and calls
 * that must not run inside a body Firestore may repeat): the merchant's unsettled available balance
 * transactions (only what is new since the last settlement, never the whole history; the balance summary
 * is computed from them too) and an FX quote per currency to convert. Inside: the run record (its existence is
 * the idempotency), each candidate re-read by id and kept only if still unsettled, the plan, the
 * payouts, their journals and balance transactions, the marks on the settled transactions, the
 * balance summary and the events; after the commit each payout's submit task is handed off, delayed
 * so a pending payout can still be canceled.
 */
export async function settleMerchant(deps: SettlementDeps, request: SettlementRunRequest): Promise<SettlementRunResult> {
  const { merchantId, livemode, settlementDate } = request;
  const runId = request.runId ?? settlementId(merchantId, livemode, settlementDate);
  const recorded = await deps.store.getSettlement(runId);
  if (recorded) return alreadyRecorded(deps, recorded);

  const nowMs = deps.clock.nowMs();
  const settings = (await deps.store.getPayoutSettings(merchantId, livemode)) ?? defaultPayoutSettings(merchantId, livemode);
  const bankAccount = settings.bankAccount;
  const cutoffMs = request.cutoffMs ?? scheduledCutoffMs(settlementDate, nowMs);
  // Every unsettled transaction, available or not: what is new since the last settlement (never the
  // history), enough for the run and for the balance summary without summing the history.
  // The scan's payload is used only if no payout (a manual one, say) committed after the scan began:
  // such a payout's debit is not in it, and paying the payload would pay those funds twice.
  const payloadCurrent = request.unsettled !== undefined && request.scannedAtMs !== undefined && (settings.lastPayoutMs ?? -1) < request.scannedAtMs;
  const seen: readonly UnsettledSeen[] = !bankAccount ? [] : payloadCurrent ? request.unsettled! : await deps.balances.unsettledAvailable(merchantId, livemode, UNSETTLED_HORIZON_MS, MAX_UNSETTLED_READ);
  const unsettled = seen.map((txn) => ({ id: txn.id, currency: txn.currency, net: txn.net, availableOnMs: txn.availableOnMs, createdMs: txn.availableOnMs, payoutId: null }));
  // A debit (a refund, a manual payout, a failed payout's reversal is a credit) counts the moment it exists:
  // a manual payout made after the cutoff already paid out the funds this run would otherwise pay again.
  const candidates = unsettled.filter((txn) => txn.availableOnMs <= cutoffMs || txn.net < 0);
  const quotes = new Map<string, FxQuote>();
  for (const from of currenciesToConvert(settings.settlementCurrency, candidates)) {
    // Throws FxUnavailableError: the task is retried, nothing is written.
    quotes.set(from, await deps.fx.quote({ livemode, from, to: settings.settlementCurrency! }));
  }

  const outcome = await deps.store.transaction(async (tx) => {
    const existing = await tx.getSettlement(runId);
    if (existing) return { record: existing, payouts: [] as Payout[], already: true };
    const base = { id: runId, merchantId, livemode, settlementDate, createdMs: nowMs };
    if (!bankAccount) {
      const record: SettlementRecord = { ...base, payoutIds: [], skippedReason: 'no_bank_account', carried: [], settledTransactions: 0 };
      tx.createSettlement(record);
      return { record, payouts: [], already: false };
    }
    // A payout committed since the settings (and then the balance) were read above: what we read may
    // already be paid out. Retry the task: the next attempt reads afresh.
    const current = await tx.getPayoutSettings(merchantId, livemode);
    if ((current?.payoutVersion ?? 0) !== settings.payoutVersion) throw new SettlementRaceError(merchantId);
    const reread = await tx.getBalanceTransactions(candidates.map((txn) => txn.id));
    const stillUnsettled = reread.filter((txn): txn is BalanceTransaction => txn !== null && txn.payoutId === null && txn.merchantId === merchantId && txn.livemode === livemode);
    const plan = planSettlement({ settlementCurrency: settings.settlementCurrency, candidates: stillUnsettled, quotes, markupBps: deps.config.fxMarkupBps, nowMs });
    const payouts: Payout[] = [];
    const events: PaymentEventV1[] = [];
    for (const planned of plan.payouts) {
      const payoutId = payoutIdFor(runId, planned.currency);
      const journal = settlementJournal({
        journalId: `jrn_set_${payoutId}`,
        payoutId,
        merchantId,
        livemode,
        nowMs,
        settlementCurrency: planned.currency,
        included: planned.included,
        conversions: planned.conversions,
        payoutAmount: planned.amount,
      });
      const payoutTxn = journal.balanceTransactions.find((txn) => txn.type === 'payout');
      if (!payoutTxn) throw new Error(`settlement journal ${journal.id} wrote no payout balance transaction`);
      const payout = pendingPayout({
        id: payoutId,
        merchantId,
        livemode,
        amount: planned.amount,
        currency: planned.currency,
        automatic: true,
        description: `Settlement ${settlementDate}`,
        destination: { last4: bankAccount.last4, country: bankAccount.country, currency: bankAccount.currency },
        balanceTransactionId: payoutTxn.id,
        settlementDate,
        createdMs: nowMs,
        arrivalDateMs: nowMs + DAY_MS,
      });
      tx.appendJournal(journal);
      tx.markSettled(planned.included.map((txn) => txn.id), payoutId);
      tx.savePayout(payout);
      tx.handOff({ queue: QUEUES.payoutSubmissions, name: submitTaskName(payoutId), payload: { payout_id: payoutId }, delaySeconds: deps.config.payoutSubmitDelaySeconds });
      events.push(payoutEvent('payout.created', payout, nowMs));
      payouts.push(payout);
    }
    if (payouts.length > 0 && current) tx.savePayoutSettings({ ...current, payoutVersion: current.payoutVersion + 1, lastPayoutMs: nowMs });
    const record: SettlementRecord = {
      ...base,
      payoutIds: payouts.map((p) => p.id),
      skippedReason: payouts.length > 0 ? null : 'nothing_available',
      carried: plan.carried,
      settledTransactions: plan.payouts.reduce((n, p) => n + p.included.length, 0),
    };
    tx.createSettlement(record);
    if (payouts.length > 0) {
      const settled = new Set(plan.payouts.flatMap((p) => p.included.map((txn) => txn.id)));
      const summary = summaryOf(merchantId, livemode, unsettled.filter((txn) => !settled.has(txn.id)), plan.payouts.flatMap((p) => [p.currency, ...p.included.map((txn) => txn.currency)]), payouts[payouts.length - 1].id, nowMs);
      tx.saveBalanceSummary(summary);
      events.push(...balanceAvailableEvents(runId, merchantId, livemode, summary.available, nowMs));
    }
    tx.appendEvents(events);
    return { record, payouts, already: false };
  });
  if (!outcome.already) deps.log.info('settlement run recorded', { run: runId, payouts: outcome.payouts.length, skipped: outcome.record.skippedReason, carried: outcome.record.carried.length });
  return outcome.already ? alreadyRecorded(deps, outcome.record) : { runId, payouts: outcome.payouts, skippedReason: outcome.record.skippedReason, alreadySettled: false };
}

async function alreadyRecorded(deps: SettlementDeps, record: SettlementRecord): Promise<SettlementRunResult> {
  const payouts = (await Promise.all(record.payoutIds.map((id) => deps.store.getPayout(id)))).filter((p): p is Payout => p !== null);
  return { runId: record.id, payouts, skippedReason: record.skippedReason, alreadySettled: true };
}

/**
 * The balance the mobile apps show, after the run. Every payout's transactions (what it settled, its FX
 * pair and its payout transaction) net to zero per currency, so the balance is what stays unsettled:
 * available if available now, else pending. No sum over the merchant's history is needed.
 */
function summaryOf(merchantId: string, livemode: boolean, unsettled: readonly UnsettledSeen[], paidCurrencies: readonly string[], lastPayoutId: string, nowMs: number): BalanceSummary {
  const available: Record<string, number> = {};
  const pending: Record<string, number> = {};
  for (const txn of unsettled) {
    const bucket = txn.availableOnMs <= nowMs ? available : pending;
    bucket[txn.currency] = (bucket[txn.currency] ?? 0) + txn.net;
  }
  // A currency just paid out shows 0 available rather than disappearing from the apps' summary.
  for (const currency of paidCurrencies) available[currency] ??= 0;
  return { merchantId, livemode, available, pending, lastPayoutId, updatedMs: nowMs };
}

export const balanceSummaryId = merchantModeId;
export type { SettlementTransaction };
