import type { BalanceTransactionsReader } from '../../ledger/application/balance-transactions.reader';
import type { TaskQueue } from '../../platform/application/task-queue';
import type { Clock } from '../../shared/clock';
import type { Logger } from '../../shared/logger';
import type { BankGateway } from './bank.gateway';
import type { FxProvider } from './fx.provider';
import type { SettlementStore } from './settlement.repository';

export interface SettlementConfig {
  /** FX_MARKUP_BPS: the platform's markup on a conversion, in basis points (default 100). */
  readonly fxMarkupBps: number;
  /** PAYOUT_SUBMIT_DELAY_SECONDS: how long a new payout stays pending (cancelable) before the bank is called. */
  readonly payoutSubmitDelaySeconds: number;
}

export const DEFAULT_SETTLEMENT_CONFIG: SettlementConfig = { fxMarkupBps: 100, payoutSubmitDelaySeconds: 60 };

/** What the settlement commands use; the module builds it, the tests build it from in-memory adapters. */
export interface SettlementDeps {
  readonly store: SettlementStore;
  readonly balances: BalanceTransactionsReader;
  readonly bank: BankGateway;
  readonly fx: FxProvider;
  readonly tasks: TaskQueue;
  readonly clock: Clock;
  readonly log: Logger;
  readonly config: SettlementConfig;
}
