import type { PaymentEventV1 } from '../../contracts/payment-events.v1';
import type { BalanceTransaction } from '../../ledger/domain/balance-transaction';
import type { Journal } from '../../ledger/domain/journal';
import type { IdempotencyTransaction, TransactionRunner } from '../../platform/application/idempotency';
import type { TaskIntent } from '../../platform/application/task-queue';
import type { Payout, PayoutStatus } from '../domain/payout';
import type { PayoutSettings } from '../domain/payout-settings';
import type { CarriedCurrency } from '../domain/settlement-plan';

/** settlements/<merchantId>_<mode>_<yyyymmdd>: created once, so a second run of the same day settles nothing. */
export interface SettlementRecord {
  readonly id: string;
  readonly merchantId: string;
  readonly livemode: boolean;
  readonly settlementDate: string;
  readonly payoutIds: readonly string[];
  /** Why nothing was paid: `no_bank_account`, `nothing_available`; null when payouts were made. */
  readonly skippedReason: string | null;
  readonly carried: readonly CarriedCurrency[];
  readonly settledTransactions: number;
  readonly createdMs: number;
}

/** balance_summaries/<merchantId>_<mode>: what the mobile apps read, rewritten by each settlement (never by a capture). */
export interface BalanceSummary {
  readonly merchantId: string;
  readonly livemode: boolean;
  readonly available: Readonly<Record<string, number>>;
  readonly pending: Readonly<Record<string, number>>;
  readonly lastPayoutId: string | null;
  readonly updatedMs: number;
}

/** bank_events/<event id>: a bank webhook applied once. */
export interface BankEventRecord {
  readonly id: string;
  readonly type: string;
  readonly transferId: string;
  readonly reference: string;
  readonly livemode: boolean;
  /** `applied`, `duplicate_effect` (the payout already showed it) or `unknown_payout`. */
  readonly outcome: 'applied' | 'no_change' | 'unknown_payout';
  readonly receivedMs: number;
}

// Port: what a settlement command reads and writes inside one atomic transaction. Reads are by
// document id (Firestore transactions lock what they read; a query would lock nothing useful);
// writes are staged and committed together with the journal, its balance transactions, the events
// (one outbox document) and the tasks handed off after the commit.
export interface SettlementTransaction extends IdempotencyTransaction {
  getPayout(id: string): Promise<Payout | null>;
  getPayoutSettings(merchantId: string, livemode: boolean): Promise<PayoutSettings | null>;
  getSettlement(id: string): Promise<SettlementRecord | null>;
  /** By id, in the order asked; null for an id that does not exist. */
  getBalanceTransactions(ids: readonly string[]): Promise<Array<BalanceTransaction | null>>;
  bankEventExists(id: string): Promise<boolean>;
  savePayout(payout: Payout): void;
  savePayoutSettings(settings: PayoutSettings): void;
  /** Fails the commit if the run was already recorded. */
  createSettlement(record: SettlementRecord): void;
  /** Fails the commit if the event was already recorded. */
  createBankEvent(record: BankEventRecord): void;
  saveBalanceSummary(summary: BalanceSummary): void;
  /** Sets payoutId on settled balance transactions (the only field of theirs that ever changes). */
  markSettled(transactionIds: readonly string[], payoutId: string): void;
  /** The journal document and its balance transactions, in this commit. */
  appendJournal(journal: Journal): void;
  appendEvents(events: readonly PaymentEventV1[]): void;
  handOff(task: TaskIntent): void;
}

export interface PayoutPage {
  readonly payouts: readonly Payout[];
  readonly hasMore: boolean;
}

/** Where a scan of unsettled transactions stopped: the last (merchant, transaction id) it returned. */
export interface UnsettledCursor {
  readonly merchantId: string;
  readonly id: string;
}

export interface UnsettledPage {
  readonly transactions: readonly BalanceTransaction[];
  /** Pass back as `startAfter` for the next page; null when this was the last. */
  readonly next: UnsettledCursor | null;
}

export interface SettlementStore extends TransactionRunner<SettlementTransaction> {
  getPayout(id: string): Promise<Payout | null>;
  listPayouts(merchantId: string, livemode: boolean, page: { status?: PayoutStatus; limit: number; startingAfter?: string }): Promise<PayoutPage>;
  getPayoutSettings(merchantId: string, livemode: boolean): Promise<PayoutSettings | null>;
  getSettlement(id: string): Promise<SettlementRecord | null>;
  /** Several merchants' settings of one mode, by document id (one batched read); null where none was saved. */
  payoutSettingsOf(merchantIds: readonly string[], livemode: boolean): Promise<Array<PayoutSettings | null>>;
  /**
   * Every unsettled balance transaction of one mode, all merchants, ordered by (merchantId, id), a page
   * at a time: the daily run reads what is new since the last settlements once, in a few large queries,
   * instead of one query per merchant.
   */
  unsettledTransactions(livemode: boolean, page: { limit: number; startAfter?: UnsettledCursor }): Promise<UnsettledPage>;
}
