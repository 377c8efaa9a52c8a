import path from 'node:path';
import { complianceModule, ComplianceModule } from './compliance/compliance.module';
import { consumedEventTypes, type GateName } from './catalogue/function-catalogue';
import { fraudModule, FraudModule } from './fraud/fraud.module';
import { identityModule, IdentityModule, merchantVerificationLookup } from './identity/identity.module';
import { ledgerModule, LedgerModule } from './ledger/ledger.module';
import { merchantsModule, MerchantsModule } from './merchants/merchants.module';
import type { GateCheck } from './payments/application/payment-gates';
import { paymentsModule, PaymentsModule } from './payments/payments.module';
import { platformModule, PlatformModule } from './platform/platform.module';
import { firestore } from './platform/adapters/firestore-client';
import { reconciliationModule, ReconciliationModule } from './reconciliation/reconciliation.module';
import { FirestoreStaffDirectory } from './compliance/adapters/staff-directory.firestore';
import { settlementModule, SettlementModule } from './settlement/settlement.module';
import { loadConfig, RuntimeConfig } from './runtime-config';
import { once } from './shared/once';
import { MONEY_OUT_EVENT_TYPES } from './contracts/payment-events.v1';
import { CloudKmsKeyEncryptionService } from './identity/adapters/key-encryption.cloud-kms';
import { LocalFileKeyEncryptionService } from './identity/adapters/key-encryption.local-file';
import { configured } from './shared/config-section';
import { webhooksModule, WebhooksModule } from './webhooks/webhooks.module';

// The composition root: builds each context's module from the one configuration object and hands
// each module the other contexts' pieces it needs. Only functions/src/index.ts and the local
// runtime (infra/) import it; the contexts and the platform receive what they need.
//
// Nothing is built until a function asks for it: a function's first request builds the modules it
// uses (and what they depend on), once per instance. So the OpenAPI function opens no Firestore
// client, and a function that screens nothing never loads the sanctions list.
export interface CompositionRoot {
  readonly config: RuntimeConfig;
  platform(): PlatformModule;
  merchants(): MerchantsModule;
  /** The ledger with the merchant API shell (get-balance). */
  ledger(): LedgerModule & PaymentsModule;
  payments(): PaymentsModule;
  fraud(): FraudModule;
  compliance(): ComplianceModule;
  identity(): IdentityModule;
  /** Settlement, payouts and payout settings (money out). */
  settlement(): SettlementModule;
  /** Three-way reconciliation (ledger, processor report, bank statement): runs, exceptions, finance cases. */
  reconciliation(): ReconciliationModule;
  /** Merchant events, webhook endpoints and their deliveries. */
  webhooks(): WebhooksModule;
  /** A declared gate's check, registered by its context below; a gate without a check does not compile. */
  gateCheck(name: GateName): GateCheck;
}

export function compositionRoot(config: RuntimeConfig): CompositionRoot {
  const platform = once(() => platformModule(config.platform));
  const merchants = once(() => merchantsModule(platform()));
  const payments = once(() =>
    paymentsModule(config.payments, {
      platform: platform(),
      authenticate: merchants().authenticate,
      verification: merchantVerificationLookup(platform().db, platform().clock),
      publishedEvents: consumedEventTypes(),
      // Lazy: a capture asks settlement for the merchant's delay_days only when it happens.
      funds: { delayDaysFor: (merchantId, livemode) => settlement().fundsAvailability.delayDaysFor(merchantId, livemode) },
      // Lazy too: routing asks the fraud context's card lookup only for rules on the card.
      staff: new FirestoreStaffDirectory(platform().db),
      cards: { lookup: (token: string, livemode: boolean): Promise<{ brand: string; country: string } | null> => fraud().cards.lookup(token, livemode) },
    }),
  );
  const fraud = once(() => fraudModule(platform().db, config.fraud, { clock: platform().clock, merchants: merchants().countries, reviews: payments().heldPayments }));
  const compliance = once(() => {
    const p = platform();
    return complianceModule(config.compliance, { ...p, auditDb: () => firestore(p.projectId, config.compliance.auditDatabase), payments: payments().payments, gates: config.payments.gates, merchants: merchants().countries, cards: fraud().cards, geo: fraud().geo });
  });
  const identity = once(() => {
    const p = platform();
    // The identity vendor's configuration is needed here only: a problem in it fails this first request.
    return identityModule(config.identity, { ...p, sanctions: { current: () => compliance().sanctionsLists().current() } });
  });
  const settlement = once(() =>
    settlementModule(config, {
      platform: platform(),
      authenticate: merchants().authenticate,
      balances: ledgerModule(platform().db).balanceTransactions,
      // Money-out events always reach the topic, consumed yet or not: they are few (a payout's life, a run's
      // balance), and merchant webhooks will carry them without a replay of what was never published.
      publishedEvents: new Set([...consumedEventTypes(), ...MONEY_OUT_EVENT_TYPES]),
    }),
  );
  // Reconciliation reads the processors the payments context pays through and the bank settlement pays out of.
  const reconciliation = once(() => {
    const p = platform();
    const bank = config.bank.ok ? ({ ok: true, value: { test: config.bank.value.test, live: config.bank.value.live } } as const) : config.bank;
    return reconciliationModule({ processors: config.payments.processors, acquirers: config.payments.acquirers, bank }, { db: p.db, clock: p.clock, log: p.log, projectId: p.projectId, staff: new FirestoreStaffDirectory(p.db) });
  });
  // The webhooks module seals signing secrets with a key of its own (never the personal-data key).
  const webhooks = once(() => {
    const webhookConfig = configured(config.webhooks);
    const key = webhookConfig.keyEncryption;
    const kek = key.kind === 'kms' ? new CloudKmsKeyEncryptionService(key.keyName) : new LocalFileKeyEncryptionService(path.resolve(key.path));
    return webhooksModule(webhookConfig, { platform: platform(), authenticate: merchants().authenticate, kek });
  });
  // Each gate's check, by its declared name (PAYMENT_GATES): built on its first use only.
  const gateChecks: Readonly<Record<GateName, () => GateCheck>> = { fraud: () => fraud().gate, sanctions: () => compliance().gate };
  return {
    config,
    platform,
    merchants,
    ledger: once(() => ({ ...payments(), ...ledgerModule(platform().db) })),
    payments,
    fraud,
    compliance,
    identity,
    settlement,
    reconciliation,
    webhooks,
    gateCheck: (name) => gateChecks[name](),
  };
}

/**
 * Called when the functions module loads (cold start): a deployment whose test-mode processor is
 * not a sandbox, whose live configuration is incomplete or equals the test one, or with any
 * malformed variable refuses to start with one error naming every problem, before it serves a request.
 */
export function checkStartupConfiguration(env: Readonly<Record<string, string | undefined>>): RuntimeConfig {
  return loadConfig(env);
}
