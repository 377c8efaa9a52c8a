import { captureJournal, refundJournal } from '../../ledger/domain/journal';
import type { Journal } from '../../ledger/domain/journal';
import { InMemoryTaskQueue } from '../../platform/adapters/task-queue.memory';
import { QUEUES } from '../../contracts/payment-tasks.v1';
import { fixedClock } from '../../shared/clock';
import { createLogger } from '../../shared/logger';
import { MerchantContext } from '../../shared/merchant-context';
import { InMemoryBankGateway } from '../adapters/bank.memory-gateway';
import { MemoryFxProvider } from '../adapters/fx.memory-provider';
import { InMemorySettlementStore } from '../adapters/settlement.memory-store';
import { applyBankWebhook } from '../application/apply-bank-webhook.command';
import type { BankWebhookEvent } from '../application/bank.gateway';
import type { SettlementDeps } from '../application/settlement.deps';
import { submitPayout } from '../application/submit-payout.command';
import { defaultPayoutSettings, PayoutSettings } from '../domain/payout-settings';

export const DAY = 86_400_000;
/** 2026-11-28T02:00Z, a Saturday: the daily run. */
export const RUN_MS = Date.UTC(2026, 10, 28, 2);
export const TODAY = '2026-11-28';

/** The settlement commands over in-memory adapters: store (running every body twice), bank, FX, tasks and a fixed clock. */
export function settlementHarness(options: { rates?: Record<string, number>; submitDelaySeconds?: number } = {}) {
  const clock = fixedClock(RUN_MS);
  const tasks = new InMemoryTaskQueue();
  const store = new InMemorySettlementStore(async (committed) => {
    for (const task of committed.tasks) await tasks.enqueue(task.queue, task.name, task.payload, task.delaySeconds ? { delaySeconds: task.delaySeconds } : undefined);
  });
  const bank = new InMemoryBankGateway();
  const fx = new MemoryFxProvider({ rates: options.rates ?? { 'usd:eur': 0.92 }, now: () => clock.nowMs() });
  const deps: SettlementDeps = {
    store,
    balances: store,
    bank,
    fx,
    tasks,
    clock,
    log: createLogger({}, () => undefined),
    config: { fxMarkupBps: 100, payoutSubmitDelaySeconds: options.submitDelaySeconds ?? 60 },
  };
  let sequence = 0;
  const harness = {
    deps,
    store,
    bank,
    fx,
    tasks,
    clock,
    merchant: (merchantId = 'acct_1', livemode = false): MerchantContext => ({ merchantId, livemode }),
    /** Saved payout settings with a bank account that pays (ba_test_success). */
    settings(overrides: Partial<PayoutSettings> = {}, merchantId = 'acct_1', livemode = false): PayoutSettings {
      const settings: PayoutSettings = {
        ...defaultPayoutSettings(merchantId, livemode),
        bankAccount: { token: livemode ? 'ba_live_success' : 'ba_test_success', last4: '6789', country: 'US', currency: 'usd' },
        ...overrides,
      };
      store.seedSettings(settings);
      return settings;
    },
    /** A capture as the payments context commits it: the journal and its charge, available `availableAfterMs` after capture. */
    capture(input: { gross: number; fee?: number; currency?: string; merchantId?: string; livemode?: boolean; capturedMs?: number; delayMs?: number }): Journal {
      sequence += 1;
      const nowMs = input.capturedMs ?? RUN_MS - 3 * DAY;
      const journal = captureJournal({
        id: `jrn_cap_pay_${sequence}`,
        paymentId: `pay_${sequence}`,
        merchantId: input.merchantId ?? 'acct_1',
        livemode: input.livemode ?? false,
        currency: input.currency ?? 'usd',
        gross: input.gross,
        fee: input.fee ?? 0,
        nowMs,
        availableOnMs: nowMs + (input.delayMs ?? 2 * DAY),
      });
      store.seedJournal(journal);
      return journal;
    },
    refund(input: { paymentId: string; amount: number; currency?: string; merchantId?: string; refundedMs?: number }): Journal {
      sequence += 1;
      const journal = refundJournal({
        id: `jrn_ref_re_${sequence}`,
        refundId: `re_${sequence}`,
        paymentId: input.paymentId,
        merchantId: input.merchantId ?? 'acct_1',
        livemode: false,
        currency: input.currency ?? 'usd',
        amount: input.amount,
        nowMs: input.refundedMs ?? RUN_MS - DAY,
      });
      store.seedJournal(journal);
      return journal;
    },
    /** Plays Cloud Tasks for the submit-payout queue: runs every submit task enqueued since the last call. */
    async dispatchSubmissions(): Promise<void> {
      for (const task of tasks.takeNew()) if (task.queue === QUEUES.payoutSubmissions) await submitPayout(deps, String(task.payload.payout_id));
    },
    /** A verified bank webhook about a payout. */
    async bankSays(type: BankWebhookEvent['type'], payoutId: string, failureCode: string | null = null, id = `bevt_${type}_${payoutId}`) {
      const payout = await store.getPayout(payoutId);
      const transferId = payout && 'transferId' in payout && payout.transferId ? payout.transferId : 'tr_unknown';
      return applyBankWebhook(deps, { id, type, transferId, reference: payoutId, amount: payout?.amount ?? 0, currency: payout?.currency ?? 'usd', livemode: payout?.livemode ?? false, failureCode, occurredMs: clock.nowMs() });
    },
    /** Every journal ever written, summed per currency: must be zero in each. */
    ledgerSums(): Record<string, number> {
      const sums: Record<string, number> = {};
      for (const journal of store.journals()) for (const entry of journal.entries) sums[entry.currency] = (sums[entry.currency] ?? 0) + entry.amount;
      return sums;
    },
    async available(currency = 'usd', merchantId = 'acct_1', livemode = false): Promise<number> {
      return (await store.sums(merchantId, livemode, clock.nowMs())).available[currency] ?? 0;
    },
  };
  return harness;
}

export const allZero = (sums: Record<string, number>): Record<string, number> => Object.fromEntries(Object.keys(sums).map((currency) => [currency, 0]));
