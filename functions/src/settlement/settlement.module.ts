import type { BalanceTransactionsReader } from '../ledger/application/balance-transactions.reader';
import type { DeadLetterStore } from '../platform/adapters/dead-letter.firestore-store';
import type { ApiDeps, MerchantAuthenticator } from '../platform/http/api-handler';
import type { PlatformModule } from '../platform/platform.module';
import { ConfigSection, configured } from '../shared/config-section';
import type { BankConfig } from './adapters/bank-modes.config';
import { bankGatewayFrom, bankWebhookVerifierFrom } from './adapters/bank.from-config';
import { fxProviderFor } from './adapters/fx.by-mode';
import type { FxConfig } from './adapters/fx-modes.config';
import { FirestoreSettlementStore } from './adapters/settlement.firestore-store';
import type { BankGateway, BankWebhookVerifier } from './application/bank.gateway';
import { PayoutSettingsFundsAvailability } from './application/funds-availability.settings';
import type { FxProvider } from './application/fx.provider';
import { DEFAULT_SETTLEMENT_CONFIG, SettlementDeps } from './application/settlement.deps';
import type { SettlementTransaction } from './application/settlement.repository';

/** What the settlement entrypoints hand to their commands, and the merchant API shell's needs. */
export type SettlementModule = ApiDeps<SettlementTransaction> &
  SettlementDeps & {
    readonly deadLetters: DeadLetterStore;
    /** Verifies the bank's signed webhooks (Standard Webhooks); built on the webhook's first request. */
    webhookVerifier(): BankWebhookVerifier;
    /** The payments context's FundsAvailability: delay_days from the payout settings, cached 30 s. */
    readonly fundsAvailability: PayoutSettingsFundsAvailability;
  };

export interface SettlementModuleDeps {
  readonly platform: PlatformModule;
  /** The merchants context's API-key authentication. */
  readonly authenticate: MerchantAuthenticator;
  /** The ledger's balance transactions: what is unsettled and available, and the balance sums. */
  readonly balances: BalanceTransactionsReader;
  /** The event types some consumer subscribes to: only these are written to the outbox and published. */
  readonly publishedEvents: ReadonlySet<string>;
}

export interface SettlementModuleConfig {
  /** The bank and FX sections: their clients are built on first use, so a problem fails that request only. */
  readonly bank: ConfigSection<BankConfig>;
  readonly fx: ConfigSection<FxConfig>;
  readonly settlement: { readonly payoutSubmitDelaySeconds: number };
}

export function settlementModule(moduleConfig: SettlementModuleConfig, deps: SettlementModuleDeps): SettlementModule {
  const config = {
    fxMarkupBps: moduleConfig.fx.ok ? moduleConfig.fx.value.markupBps : DEFAULT_SETTLEMENT_CONFIG.fxMarkupBps,
    payoutSubmitDelaySeconds: moduleConfig.settlement.payoutSubmitDelaySeconds,
  };
  const { platform } = deps;
  // The relay's fast path: committed events published and submit tasks handed off right after the commit.
  const store = new FirestoreSettlementStore(platform.db, (committed) => platform.relay.afterCommit(committed), deps.publishedEvents);
  let bank: BankGateway | undefined;
  let fx: FxProvider | undefined;
  let verifier: BankWebhookVerifier | undefined;
  return {
    projectId: platform.projectId,
    clock: platform.clock,
    log: platform.log,
    deadLetters: platform.deadLetters,
    tasks: platform.tasks,
    authenticate: deps.authenticate,
    transactions: store,
    store,
    balances: deps.balances,
    get bank() {
      return (bank ??= bankGatewayFrom(configured(moduleConfig.bank)));
    },
    get fx() {
      return (fx ??= fxProviderFor(configured(moduleConfig.fx)));
    },
    webhookVerifier: () => (verifier ??= bankWebhookVerifierFrom(configured(moduleConfig.bank))),
    config,
    fundsAvailability: new PayoutSettingsFundsAvailability(store, platform.clock),
  };
}
