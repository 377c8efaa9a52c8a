import { FUNCTION_CATALOGUE, FunctionSpec } from './function-catalogue';

// Which service account each deployed function runs as, and what each account may do. Terraform
// (infra/scripts/write-terraform-catalogue.ts → terraform/catalogue.auto.tfvars.json) creates one
// service account per identity with exactly these grants, so a function can only reach what its
// group needs: the public webhook and the OpenAPI function cannot decrypt, and no function can
// update or delete an audit entry (the audit database grants create-only, see terraform/audit.tf).

export type RuntimeIdentityName =
  | 'merchant-api' | 'staff-api' | 'payment-chain' | 'fraud' | 'compliance' | 'identity' | 'identity-webhook' | 'openapi';

/** Secrets mounted from Secret Manager; each is readable only by the identities that list it. */
export type RuntimeSecret = 'hash-pepper' | 'processor-api-keys' | 'identity-vendor-webhook-secrets';

export interface RuntimeIdentity {
  readonly description: string;
  /** The operational database: `read-write` (roles/datastore.user) or `none`. */
  readonly firestore: 'read-write' | 'none';
  /** The audit database: `append` (create only, no update or delete), `append-read` (+ get/list) or `none`. */
  readonly audit: 'append' | 'append-read' | 'none';
  /** Cloud KMS encrypt/decrypt on the personal-data key (KYC/KYB envelopes). */
  readonly kms: boolean;
  /** Publishes payment events after commit (roles/pubsub.publisher on the events topic). */
  readonly publish: boolean;
  /** Creates Cloud Tasks (roles/cloudtasks.enqueuer + actAs on the tasks invoker identity). */
  readonly enqueue: boolean;
  /** Identity vendor configuration (IDENTITY_* variables). */
  readonly identityVendor: boolean;
  readonly secrets: readonly RuntimeSecret[];
}

// Every function refuses to start without HASH_PEPPER and a valid processor configuration
// (index.ts: assertSafeRuntime + checkStartupConfiguration), so every identity mounts both today.
const STARTUP_SECRETS: readonly RuntimeSecret[] = ['hash-pepper', 'processor-api-keys'];

export const RUNTIME_IDENTITIES: Readonly<Record<RuntimeIdentityName, RuntimeIdentity>> = {
  'merchant-api': {
    description: 'Merchant API (payments, refunds, balance, radar rules, reviews, fraud reports)',
    // A create, capture, cancel, refund or review approval hands the payment its next task after the commit.
    firestore: 'read-write', audit: 'none', kms: false, publish: true, enqueue: true, identityVendor: false, secrets: STARTUP_SECRETS,
  },
  'staff-api': {
    description: 'Compliance staff API (cases, audit log)',
    // Resolving a sanctions case releases the held payment to its next task.
    firestore: 'read-write', audit: 'append-read', kms: false, publish: true, enqueue: true, identityVendor: false, secrets: STARTUP_SECRETS,
  },
  'payment-chain': {
    description: 'Payment chain: processor tasks, outbox relay, sweeps, review expiry',
    firestore: 'read-write', audit: 'none', kms: false, publish: true, enqueue: true, identityVendor: false, secrets: STARTUP_SECRETS,
  },
  fraud: {
    description: 'Fraud scoring and outcomes',
    // The fraud gate's commit hands the payment to its next gate or to authorisation.
    firestore: 'read-write', audit: 'none', kms: false, publish: true, enqueue: true, identityVendor: false, secrets: STARTUP_SECRETS,
  },
  compliance: {
    description: 'Sanctions screening, transaction monitoring, sanctions list refresh',
    // The sanctions gate's commit hands the payment to its next gate or to authorisation.
    firestore: 'read-write', audit: 'append', kms: false, publish: true, enqueue: true, identityVendor: false, secrets: STARTUP_SECRETS,
  },
  identity: {
    description: 'KYB/KYC submission, status and vendor checks (the only identity with the personal-data key)',
    // The webhook secrets too: the identity module (identity.module.ts) needs IDENTITY_VENDOR_WEBHOOK_SECRETS for every identity
    // function (webhookSecretsFrom throws without one), not only for the webhook.
    firestore: 'read-write', audit: 'append', kms: true, publish: false, enqueue: true, identityVendor: true,
    secrets: [...STARTUP_SECRETS, 'identity-vendor-webhook-secrets'],
  },
  'identity-webhook': {
    description: 'Public identity vendor webhook (signed by the vendor; no personal-data key)',
    // audit: the webhook applies the vendor's decision and appends its audit entries in the same
    // transaction today; create-only, so it can add entries but never change one.
    firestore: 'read-write', audit: 'append', kms: false, publish: false, enqueue: false, identityVendor: true,
    secrets: [...STARTUP_SECRETS, 'identity-vendor-webhook-secrets'],
  },
  openapi: {
    description: 'Public OpenAPI document (reads nothing)',
    firestore: 'none', audit: 'none', kms: false, publish: false, enqueue: false, identityVendor: false, secrets: STARTUP_SECRETS,
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
  'relay-outbox': 'payment-chain',
  'sweep-stuck-payments': 'payment-chain',
  'expire-reviews': 'payment-chain',
  'score-fraud': 'fraud',
  'record-fraud-outcome': 'fraud',
  'screen-payment': 'compliance',
  'monitor-transactions': 'compliance',
  'refresh-sanctions-list': 'compliance',
  'fetch-sanctions-list': 'compliance',
  // Reconciliation: finance staff read runs with staff keys; the daily run writes runs, exceptions and cases.
  'list-reconciliation-runs': 'staff-api',
  'get-reconciliation-run': 'staff-api',
  'run-reconciliation-test-helper': 'staff-api',
  'run-reconciliation': 'staff-api',
  // Money out: the merchant's payout routes with the merchant API; the daily run, the bank submissions
  // and the bank's webhook (publishes payout events, books journals) with the chain's rights.
  'get-payout-settings': 'merchant-api',
  'update-payout-settings': 'merchant-api',
  'list-payouts': 'merchant-api',
  'get-payout': 'merchant-api',
  'create-payout': 'merchant-api',
  'cancel-payout': 'merchant-api',
  'run-settlement': 'merchant-api',
  'plan-settlements': 'payment-chain',
  'settle-merchant': 'payment-chain',
  'submit-payout': 'payment-chain',
  'bank-webhook': 'payment-chain',
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
