import { QUEUES } from '../../contracts/payment-tasks.v1';
import type { BalanceTransaction } from '../../ledger/domain/balance-transaction';
import type { TaskQueue } from '../../platform/application/task-queue';
import type { Clock } from '../../shared/clock';
import { isDueOn } from '../domain/payout-settings';
import { scheduledCutoffMs, settlementDateOf, settleTaskName } from '../domain/settlement-date';
import type { SettlementStore } from './settlement.repository';

export interface PlanSettlementsResult {
  readonly settlementDate: string;
  /** Merchants (per mode) with unsettled transactions available by the day's cutoff. */
  readonly merchants: number;
  readonly enqueued: number;
  readonly duplicates: number;
}

const PAGE_SIZE = 2_000;
const ENQUEUE_CONCURRENCY = 32;
/** Per merchant and run, what a task payload carries (the run settles at most 400 of them). */
const MAX_UNSETTLED_PER_TASK = 1_000;

/**
 * The daily schedule. It reads every unsettled balance transaction once, in large pages ordered by
 * merchant (what is new since the last settlements: never the history), groups them by merchant, reads
 * those merchants' payout settings in one batch per page, and enqueues one named task per merchant,
 * mode and date whose schedule is due today (daily, or weekly on today's weekday) and has a bank
 * account and something available by the day's cutoff: `settle-<merchant>-<mode>-<yyyymmdd>` on queue
 * `settlements`, carrying what it found (the task re-reads each one by id in its transaction). A
 * merchant with nothing new gets no task and costs nothing. A re-run (a retried schedule, a second
 * instance) enqueues nothing twice: Cloud Tasks refuses a duplicate name, and the run record makes a
 * task that slipped through settle nothing twice.
 */
export async function planSettlements(
  deps: { store: Pick<SettlementStore, 'unsettledTransactions' | 'payoutSettingsOf'>; tasks: TaskQueue; clock: Clock },
  options: { settlementDate?: string; pageSize?: number } = {},
): Promise<PlanSettlementsResult> {
  const nowMs = deps.clock.nowMs();
  const settlementDate = options.settlementDate ?? settlementDateOf(nowMs);
  const cutoffMs = scheduledCutoffMs(settlementDate, nowMs);
  const pageSize = options.pageSize ?? PAGE_SIZE;
  let merchants = 0;
  let enqueued = 0;
  let duplicates = 0;
  for (const livemode of [false, true]) {
    const dispatch = async (groups: ReadonlyMap<string, BalanceTransaction[]>) => {
      const ready = [...groups].filter(([, txns]) => txns.some((txn) => txn.availableOnMs <= cutoffMs));
      merchants += ready.length;
      const settings = await deps.store.payoutSettingsOf(ready.map(([merchantId]) => merchantId), livemode);
      const due = ready.filter((_, i) => settings[i] !== null && settings[i]!.bankAccount !== null && isDueOn(settings[i]!, settlementDate));
      const answers = await mapBounded(due, ENQUEUE_CONCURRENCY, ([merchantId, txns]) =>
        deps.tasks.enqueue(QUEUES.settlements, settleTaskName(merchantId, livemode, settlementDate), {
          merchant_id: merchantId,
          livemode,
          settlement_date: settlementDate,
          // nowMs was read before the scan began: a payout committed after it is not in this payload.
          scanned_at_ms: nowMs,
          unsettled: [...txns]
            .sort((a, b) => a.availableOnMs - b.availableOnMs)
            .slice(0, MAX_UNSETTLED_PER_TASK)
            .map((txn) => [txn.id, txn.currency, txn.net, txn.availableOnMs]),
        }),
      );
      enqueued += answers.filter((a) => a === 'enqueued').length;
      duplicates += answers.filter((a) => a === 'duplicate').length;
    };
    // The last merchant of a page may continue on the next one: it is held back until its group is complete.
    let open: { merchantId: string; txns: BalanceTransaction[] } | null = null;
    let page = await deps.store.unsettledTransactions(livemode, { limit: pageSize });
    for (;;) {
      const groups = new Map<string, BalanceTransaction[]>();
      if (open) groups.set(open.merchantId, open.txns);
      for (const txn of page.transactions) (groups.get(txn.merchantId) ?? groups.set(txn.merchantId, []).get(txn.merchantId)!).push(txn);
      if (!page.next) {
        await dispatch(groups);
        break;
      }
      const lastMerchant = page.next.merchantId;
      open = { merchantId: lastMerchant, txns: groups.get(lastMerchant) ?? [] };
      groups.delete(lastMerchant);
      const [, next] = await Promise.all([dispatch(groups), deps.store.unsettledTransactions(livemode, { limit: pageSize, startAfter: page.next })]);
      page = next;
    }
  }
  return { settlementDate, merchants, enqueued, duplicates };
}

/** Runs fn over items with at most `limit` in flight, answers in input order. */
export async function mapBounded<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
