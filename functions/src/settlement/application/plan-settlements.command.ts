import { QUEUES } from '../../contracts/payment-tasks.v1';
import type { TaskQueue } from '../../platform/application/task-queue';
import type { Clock } from '../../shared/clock';
import { settlementDateOf, settleTaskName } from '../domain/settlement-date';
import { weekdayOf } from '../domain/payout-settings';
import type { SettlementStore } from './settlement.repository';

export interface PlanSettlementsResult {
  readonly settlementDate: string;
  readonly merchants: number;
  readonly enqueued: number;
  readonly duplicates: number;
}

const PAGE_SIZE = 300;
const ENQUEUE_CONCURRENCY = 32;

/**
 * The daily schedule: one named task per (merchant, mode, settlement date) whose schedule is due
 * today (daily, or weekly on today's weekday), on queue `settlements`. The settings are listed a page
 * at a time (cursor by document id), so thousands of merchants fan out without one big read; a re-run
 * (a retried schedule, a second instance) enqueues nothing twice: Cloud Tasks refuses a duplicate name,
 * and the run record makes a task that slipped through settle nothing twice.
 */
export async function planSettlements(deps: { store: Pick<SettlementStore, 'scheduledSettings'>; tasks: TaskQueue; clock: Clock }, options: { settlementDate?: string; pageSize?: number } = {}): Promise<PlanSettlementsResult> {
  const settlementDate = options.settlementDate ?? settlementDateOf(deps.clock.nowMs());
  const pageSize = options.pageSize ?? PAGE_SIZE;
  let merchants = 0;
  let enqueued = 0;
  let duplicates = 0;
  for (const schedule of [{ interval: 'daily' as const }, { interval: 'weekly' as const, weeklyAnchor: weekdayOf(settlementDate) }]) {
    let startAfter: string | undefined;
    do {
      const page = await deps.store.scheduledSettings(schedule, { limit: pageSize, startAfter });
      merchants += page.settings.length;
      const answers = await mapBounded(page.settings, ENQUEUE_CONCURRENCY, (s) =>
        deps.tasks.enqueue(QUEUES.settlements, settleTaskName(s.merchantId, s.livemode, settlementDate), { merchant_id: s.merchantId, livemode: s.livemode, settlement_date: settlementDate }),
      );
      enqueued += answers.filter((a) => a === 'enqueued').length;
      duplicates += answers.filter((a) => a === 'duplicate').length;
      startAfter = page.next ?? undefined;
    } while (startAfter);
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
