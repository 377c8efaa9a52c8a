import { FUNCTION_CATALOGUE, FunctionSpec } from './function-catalogue';

// Which service account each deployed function runs as, and what each account may do. Terraform
// (infra/scripts/write-terraform-catalogue.ts → terraform/catalogue.auto.tfvars.json) creates one
// service account per identity with exactly these grants, so a function can only reach what its
// group needs: the public webhook and the OpenAPI function cannot decrypt, and no function can
// update or delete an audit entry (the audit database grants create-only, see terraform/audit.tf).

export type RuntimeIdentityName =
  | 'merchant-api' | 'staff-api' | 'payment-chain' | 'fraud' | 'compliance' | 'identity' | 'identity-webhook' | 'openapi'
  | 'payouts' | 'bank-webhook' | 'reconciliation' | 'webhooks' | 'team' | 'audit-relay';

/**
 * Secrets mounted from Secret Manager; each is readable only by the identities that list it.
 * `processor-api-keys`, `bank-api-keys` and `fx-api-keys` are the keys of every configured mode (and the
 * live URL comes with them); `processor-test-api-key` and `bank-test-api-key` only the sandbox's key,
 * for functions that must start with a configuration but never move live money through that vendor.
 */
export type RuntimeSecret =
  | 'hash-pepper' | 'processor-api-keys' | 'processor-test-api-key' | 'identity-vendor-webhook-secrets'
  | 'bank-api-keys' | 'bank-test-api-key' | 'bank-webhook-secrets' | 'fx-api-keys';

/**
 * Money out configuration a group gets (terraform/money-out.tf):
 * - `payouts`: the bank in every configured mode and the FX provider (BANK_*, FX_*, PAYOUT_SUBMIT_DELAY_SECONDS);
 * - `bank`: the bank in every configured mode, no FX (reconciliation reads the bank's statements);
 * - `bank-webhook`: only what verifies the bank's signed webhooks (the sandbox bank and the webhook secrets:
 *   the bank configuration refuses to load without its test URL and key), no live bank key, no FX;
 * - `none`.
 */
export type MoneyOutAccess = 'none' | 'bank-webhook' | 'bank' | 'payouts';

/** The secrets each money out access mounts: the bank configuration also refuses to load without its webhook secret. */
export const MONEY_OUT_SECRETS: Readonly<Record<MoneyOutAccess, readonly RuntimeSecret[]>> = {
  none: [],
  'bank-webhook': ['bank-test-api-key', 'bank-webhook-secrets'],
  bank: ['bank-api-keys', 'bank-webhook-secrets'],
  payouts: ['bank-api-keys', 'bank-webhook-secrets', 'fx-api-keys'],
};

export interface RuntimeIdentity {
  readonly description: string;
  /** The operational database: `read-write` (roles/datastore.user) or `none`. */
  readonly firestore: 'read-write' | 'none';
  /**
   * The audit database: `append` (create only, no update or delete: the audit relay alone), `read` (get/list: the
   * staff audit log) or `none`. Every other function writes its audit entries into the operational database's
   * audit outbox, in the transaction of its change; relay-audit-log archives them.
   */
  readonly audit: 'append' | 'read' | 'none';
  /** Cloud KMS encrypt/decrypt on the personal-data key (KYC/KYB envelopes). */
  readonly kms: boolean;
  /** Cloud KMS encrypt/decrypt on the webhook-secrets key (merchants' webhook signing secrets), a key of its own. */
  readonly webhookKey?: boolean;
  /** Publishes payment events after commit (roles/pubsub.publisher on the events topic). */
  readonly publish: boolean;
  /** Creates Cloud Tasks (roles/cloudtasks.enqueuer + actAs on the tasks invoker identity). */
  readonly enqueue: boolean;
  /** Identity vendor configuration (IDENTITY_* variables). */
  readonly identityVendor: boolean;
  /** Bank and FX configuration (BANK_*, FX_* variables); its secrets are listed in `secrets` (MONEY_OUT_SECRETS). */
  readonly moneyOut: MoneyOutAccess;
  readonly secrets: readonly RuntimeSecret[];
  /**
   * Firebase Auth: `verify` checks ID tokens with revocation (roles/firebaseauth.viewer: every group that serves a
   * route taking a member's or app user's token), `admin` also sets custom claims and revokes sessions
   * (roles/firebaseauth.admin: the team functions only). Unset: `none`.
   */
  readonly firebaseAuth?: 'verify' | 'admin';
  /**
   * The sanctions list bucket (terraform/sanctions.tf): `write` (roles/storage.objectAdmin: the fetch job stores
   * OFAC's files, the refresh and the screenings read them) or `read` (roles/storage.objectViewer: KYC screening).
   */
  readonly sanctionsList?: 'read' | 'write';
}

// Every function refuses to start without HASH_PEPPER and a valid processor configuration
// (index.ts: assertSafeRuntime + checkStartupConfiguration), so every identity mounts both today; the
// money out groups, which never call the processor, mount only its sandbox key ('processor-test-api-key').
const STARTUP_SECRETS: readonly RuntimeSecret[] = ['hash-pepper', 'processor-api-keys'];

export const RUNTIME_IDENTITIES: Readonly<Record<RuntimeIdentityName, RuntimeIdentity>> = {
  'merchant-api': {
    description: 'Merchant API (payments, refunds, balance, radar rules, reviews, fraud reports)',
    // A create, capture, cancel, refund or review approval hands the payment its next task after the commit.
    firestore: 'read-write', audit: 'none', kms: false, publish: true, enqueue: true, identityVendor: false, moneyOut: 'none', firebaseAuth: 'verify', secrets: STARTUP_SECRETS,
  },
  'staff-api': {
    description: 'Compliance staff API (cases, audit log)',
    // Resolving a sanctions case releases the held payment to its next task.
    firestore: 'read-write', audit: 'read', kms: false, publish: true, enqueue: true, identityVendor: false, moneyOut: 'none', secrets: STARTUP_SECRETS,
  },
  'payment-chain': {
    description: 'Payment chain: processor tasks, outbox relay, sweeps, review expiry',
    firestore: 'read-write', audit: 'none', kms: false, publish: true, enqueue: true, identityVendor: false, moneyOut: 'none', secrets: STARTUP_SECRETS,
  },
  fraud: {
    description: 'Fraud scoring and outcomes',
    // The fraud gate's commit hands the payment to its next gate or to authorisation.
    firestore: 'read-write', audit: 'none', kms: false, publish: true, enqueue: true, identityVendor: false, moneyOut: 'none', secrets: STARTUP_SECRETS,
  },
  compliance: {
    description: 'Sanctions screening, transaction monitoring, sanctions list refresh',
    // The sanctions gate's commit hands the payment to its next gate or to authorisation.
    firestore: 'read-write', audit: 'none', kms: false, publish: true, enqueue: true, identityVendor: false, moneyOut: 'none', sanctionsList: 'write', firebaseAuth: 'verify', secrets: STARTUP_SECRETS,
  },
  identity: {
    description: 'KYB/KYC submission, status and vendor checks (the only identity with the personal-data key)',
    // The webhook secrets too: the identity module (identity.module.ts) needs IDENTITY_VENDOR_WEBHOOK_SECRETS for every identity
    // function (webhookSecretsFrom throws without one), not only for the webhook.
    firestore: 'read-write', audit: 'none', kms: true, publish: false, enqueue: true, identityVendor: true, moneyOut: 'none',
    sanctionsList: 'read', firebaseAuth: 'verify', secrets: [...STARTUP_SECRETS, 'identity-vendor-webhook-secrets'],
  },
  'identity-webhook': {
    description: 'Public identity vendor webhook (signed by the vendor; no personal-data key)',
    firestore: 'read-write', audit: 'none', kms: false, publish: false, enqueue: false, identityVendor: true, moneyOut: 'none',
    secrets: [...STARTUP_SECRETS, 'identity-vendor-webhook-secrets'],
  },
  openapi: {
    description: 'Public OpenAPI document (reads nothing)',
    firestore: 'none', audit: 'none', kms: false, publish: false, enqueue: false, identityVendor: false, moneyOut: 'none', secrets: STARTUP_SECRETS,
  },
  // Money out gets its own groups rather than widening merchant-api, payment-chain and staff-api: those
  // would otherwise hand the bank's live key and the FX keys to every payment, review and case function.
  payouts: {
    description: 'Payout settings, payouts, settlement runs and bank submissions (bank and FX keys)',
    // Settlement commits hand each payout its delayed submit task; plan-settlements fans out settle tasks.
    // The processor's test key only: the cold-start check needs a processor configuration, payouts never call it.
    firestore: 'read-write', audit: 'none', kms: false, publish: true, enqueue: true, identityVendor: false, moneyOut: 'payouts',
    firebaseAuth: 'verify', secrets: ['hash-pepper', 'processor-test-api-key', ...MONEY_OUT_SECRETS.payouts],
  },
  'bank-webhook': {
    description: 'Public bank webhook (signed by the bank; no live bank key, no FX or live processor key)',
    // Applies paid/failed/returned (journals, payout events to publish); hands off no task.
    firestore: 'read-write', audit: 'none', kms: false, publish: true, enqueue: false, identityVendor: false, moneyOut: 'bank-webhook',
    secrets: ['hash-pepper', 'processor-test-api-key', ...MONEY_OUT_SECRETS['bank-webhook']],
  },
  webhooks: {
    description: 'Merchant events, webhook endpoints and deliveries (the webhook-secrets key; no personal-data key)',
    // Seals and opens the endpoints' signing secrets; fans events out as delivery tasks; a disabled endpoint's event is
    // written straight to the events collection (no topic).
    firestore: 'read-write', audit: 'none', kms: false, webhookKey: true, publish: false, enqueue: true, identityVendor: false, moneyOut: 'none', firebaseAuth: 'verify', secrets: STARTUP_SECRETS,
  },
  team: {
    description: 'Team members, invitations, API keys and app users (sets Firebase Auth custom claims; no personal-data key)',
    // Every change commits with its audit entry (in the audit outbox); then claims are set and removed members' sessions revoked.
    firestore: 'read-write', audit: 'none', kms: false, publish: false, enqueue: false, identityVendor: false, moneyOut: 'none', firebaseAuth: 'admin', secrets: STARTUP_SECRETS,
  },
  'audit-relay': {
    description: 'Audit relay: moves committed audit entries into the append-only audit database (its only writer)',
    firestore: 'read-write', audit: 'append', kms: false, publish: false, enqueue: false, identityVendor: false, moneyOut: 'none', secrets: STARTUP_SECRETS,
  },
  reconciliation: {
    description: 'Three-way reconciliation: processor reports and bank statements of both modes (no FX)',
    // Reads both processors' reports and both banks' statements; writes runs, exceptions and cases; no events, no tasks.
    firestore: 'read-write', audit: 'none', kms: false, publish: false, enqueue: false, identityVendor: false, moneyOut: 'bank',
    secrets: [...STARTUP_SECRETS, ...MONEY_OUT_SECRETS.bank],
  },
};

// One declaration per deployed function. A function missing here (or a name the catalogue lacks)
// fails the generator and its test, so a new function cannot silently run with someone else's rights.
export const FUNCTION_IDENTITIES: Readonly<Record<string, RuntimeIdentityName>> = {
  'create-payment': 'merchant-api',
  'list-payments': 'merchant-api',
  'get-payment': 'merchant-api',
  'capture-payment': 'merchant-api',
  'cancel-payment': 'merchant-api',
  'create-refund': 'merchant-api',
  'get-refund': 'merchant-api',
  'get-balance': 'merchant-api',
  'list-balance-transactions': 'merchant-api',
  'get-balance-transaction': 'merchant-api',
  'list-radar-rules': 'merchant-api',
  'create-radar-rule': 'merchant-api',
  'delete-radar-rule': 'merchant-api',
  'list-disputes': 'merchant-api',
  'get-dispute': 'merchant-api',
  'update-dispute': 'merchant-api',
  'close-dispute': 'merchant-api',
  'get-routing': 'merchant-api',
  'update-routing': 'merchant-api',
  'list-reviews': 'merchant-api',
  'approve-review': 'merchant-api',
  'reject-review': 'merchant-api',
  'report-fraud': 'merchant-api',
  'screen-sanctions': 'compliance',
  'list-cases': 'staff-api',
  'get-case': 'staff-api',
  'assign-case': 'staff-api',
  'add-case-note': 'staff-api',
  'resolve-case': 'staff-api',
  'list-audit-log': 'staff-api',
  'processor-health': 'staff-api',
  'create-account-verification': 'identity',
  'get-account-verification': 'identity',
  'create-kyc-verification': 'identity',
  'run-kyc-check': 'identity',
  'identity-vendor-webhook': 'identity-webhook',
  'get-openapi': 'openapi',
  'authorize-payment': 'payment-chain',
  'execute-capture': 'payment-chain',
  'void-authorization': 'payment-chain',
  'execute-refund': 'payment-chain',
  // The merchant's dispute evidence or acceptance, to the processor: the chain's processor keys.
  'forward-dispute-response': 'payment-chain',
  'relay-outbox': 'payment-chain',
  // Applies the processors' confirmations to payments and refunds (journals, events, hand-offs): the chain's rights.
  'processor-notifications': 'payment-chain',
  'relay-audit-log': 'audit-relay',
  'sweep-stuck-payments': 'payment-chain',
  'sync-processor-status': 'payment-chain',
  'expire-reviews': 'payment-chain',
  'score-fraud': 'fraud',
  'record-fraud-outcome': 'fraud',
  'screen-payment': 'compliance',
  'monitor-transactions': 'compliance',
  'refresh-sanctions-list': 'compliance',
  'fetch-sanctions-list': 'compliance',
  // Reconciliation: finance staff read runs with staff keys; the daily run writes runs, exceptions and cases.
  // Every one of them builds the reconciliation module, which needs the bank (statements of both modes).
  'list-reconciliation-runs': 'reconciliation',
  'get-reconciliation-run': 'reconciliation',
  'run-reconciliation-test-helper': 'reconciliation',
  'run-reconciliation': 'reconciliation',
  // Money out: the payout routes (the bank checks a new bank account token; the test helper settles with
  // FX quotes), the daily run and the bank submissions hold the bank and FX keys; the public bank
  // webhook only what verifies the bank's signatures.
  'get-payout-settings': 'payouts',
  'update-payout-settings': 'payouts',
  'list-payouts': 'payouts',
  'get-payout': 'payouts',
  'create-payout': 'payouts',
  'cancel-payout': 'payouts',
  'run-settlement': 'payouts',
  'plan-settlements': 'payouts',
  'settle-merchant': 'payouts',
  'submit-payout': 'payouts',
  'bank-webhook': 'bank-webhook',
  // Merchant events and webhooks.
  'list-events': 'webhooks',
  'get-event': 'webhooks',
  'list-delivery-attempts': 'webhooks',
  'redeliver-event': 'webhooks',
  'create-webhook-endpoint': 'webhooks',
  'list-webhook-endpoints': 'webhooks',
  'get-webhook-endpoint': 'webhooks',
  'update-webhook-endpoint': 'webhooks',
  'delete-webhook-endpoint': 'webhooks',
  'rotate-webhook-secret': 'webhooks',
  'emit-merchant-events': 'webhooks',
  'deliver-webhook': 'webhooks',
  'retry-webhook': 'webhooks',
  // The team, API keys and app users (the only group that may change Firebase Auth users).
  'invite-member': 'team',
  'list-members': 'team',
  'update-member': 'team',
  'remove-member': 'team',
  'accept-invitation': 'team',
  'create-api-key': 'team',
  'list-api-keys': 'team',
  'roll-api-key': 'team',
  'revoke-api-key': 'team',
  'link-app-user': 'team',
};

/** The identity a function runs as; throws for a function without exactly one declaration. */
export function identityOf(fn: Pick<FunctionSpec, 'name'>, identities: Readonly<Record<string, RuntimeIdentityName>> = FUNCTION_IDENTITIES): RuntimeIdentityName {
  const name = identities[fn.name];
  if (!name) throw new Error(`Function ${fn.name} has no runtime identity: declare it in functions/src/catalogue/runtime-identities.ts`);
  return name;
}

/** Names declared in FUNCTION_IDENTITIES that the catalogue does not deploy. */
export const undeployedIdentityDeclarations = (
  catalogue: readonly FunctionSpec[] = FUNCTION_CATALOGUE,
  identities: Readonly<Record<string, RuntimeIdentityName>> = FUNCTION_IDENTITIES,
): string[] => Object.keys(identities).filter((name) => !catalogue.some((fn) => fn.name === name));
