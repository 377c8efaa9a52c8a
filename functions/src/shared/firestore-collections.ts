// Every Firestore collection the backend reads or writes, named once: the adapters, the in-memory
// fakes, the security-rules tests, the simulation and the benchmark all read their names from here.
// The contexts' own maps (COMPLIANCE_COLLECTIONS, FRAUD_COLLECTIONS, IDENTITY_COLLECTIONS) are views of it.
export const COLLECTIONS = {
  // merchants
  merchants: 'merchants',
  apiKeys: 'api_keys',
  merchantMembers: 'merchant_members',
  invitations: 'invitations',
  appUsers: 'app_users',
  // read models for the mobile apps (client-readable under firestore.rules; written by the functions only)
  appMembers: 'app_members',
  appPayments: 'app_payments',
  appRefunds: 'app_refunds',
  appCustomerPayments: 'app_customer_payments',
  appReviews: 'app_reviews',
  appDisputes: 'app_disputes',
  appPayouts: 'app_payouts',
  appKycStatus: 'app_kyc_status',
  // payments
  payments: 'payments',
  refunds: 'refunds',
  /** Cardholder disputes (inquiries and chargebacks) of captured payments, as their processors report them. */
  disputes: 'disputes',
  idempotencyKeys: 'idempotency_keys',
  /** Every verified processor notification, by processor and its id: the deduplication record and the trail of what arrived. */
  processorNotifications: 'processor_notifications',
  /** A merchant's processor routing, one document per merchant and mode (`<merchant>_<test|live>`). */
  routingConfigs: 'routing_configs',
  // ledger
  ledgerJournals: 'ledger_journals',
  ledgerCurrencies: 'ledger_currencies',
  balanceTransactions: 'balance_transactions',
  // platform
  outbox: 'outbox',
  deadLetters: 'dead_letters',
  rateLimits: 'rate_limits',
  // fraud (the history collections below are separated by mode: see MODE_SEPARATED_COLLECTIONS)
  riskAssessments: 'risk_assessments',
  radarRuleSets: 'radar_rule_sets',
  radarRuleSetVersions: 'radar_rule_set_versions',
  fraudVelocity: 'fraud_velocity',
  fraudVelocityMarkers: 'fraud_velocity_markers',
  fraudMerchantAmounts: 'fraud_merchant_amounts',
  fraudCustomers: 'fraud_customers',
  fraudKnownBad: 'fraud_known_bad',
  fraudPlatformReports: 'fraud_platform_reports',
  // compliance
  screenings: 'screenings',
  cases: 'cases',
  // Audit entries as committed with their change; relay-audit-log moves each into the append-only
  // audit database (AUDIT_LOG_COLLECTION there), where staff read them.
  auditOutbox: 'audit_outbox',
  staffKeys: 'staff_keys',
  amlCustomerDays: 'aml_customer_days',
  amlCaptures: 'aml_captures',
  amlRefunds: 'aml_refunds',
  amlReports: 'aml_reports',
  sanctionsLists: 'sanctions_lists',
  // identity
  verifications: 'verifications',
  merchantVerifications: 'merchant_verifications',
  identityVendorEvents: 'identity_vendor_events',
  // settlement
  payouts: 'payouts',
  payoutSettings: 'payout_settings',
  settlements: 'settlements',
  bankEvents: 'bank_events',
  balanceSummaries: 'balance_summaries',
  // reconciliation
  reconciliationRuns: 'reconciliation_runs',
  reconciliationExceptions: 'reconciliation_exceptions',
  // webhooks
  webhookEndpoints: 'webhook_endpoints',
  merchantEvents: 'merchant_events',
  webhookDeliveryAttempts: 'webhook_delivery_attempts',
  webhookEndpointHealth: 'webhook_endpoint_health',
} as const;

export type CollectionName = (typeof COLLECTIONS)[keyof typeof COLLECTIONS];

/** Test-mode documents of a mode-separated collection live in `test_<name>`. */
export const TEST_MODE_PREFIX = 'test_';

/**
 * Collections whose test-mode documents live in a collection of their own, so a test payment can
 * neither raise nor clear a live risk (the fraud history). Other collections keep both modes apart by
 * document id or by a `livemode` field.
 */
export const MODE_SEPARATED_COLLECTIONS = [
  COLLECTIONS.fraudVelocity,
  COLLECTIONS.fraudVelocityMarkers,
  COLLECTIONS.fraudMerchantAmounts,
  COLLECTIONS.fraudCustomers,
  COLLECTIONS.fraudKnownBad,
  COLLECTIONS.fraudPlatformReports,
] as const;

export type ModeSeparatedCollection = (typeof MODE_SEPARATED_COLLECTIONS)[number];

/** The collection a mode-separated collection's documents of this mode live in. */
export function collectionForMode<N extends ModeSeparatedCollection>(name: N, livemode: boolean): N | `test_${N}` {
  return livemode ? name : `${TEST_MODE_PREFIX}${name}`;
}

/** Every collection name in use, test-mode collections included. */
/** The one collection of the separate `audit` database (terraform/audit.tf): create-only for the relay, read-only for staff. */
export const AUDIT_LOG_COLLECTION = 'audit_log';

export const ALL_COLLECTION_NAMES: readonly string[] = [
  ...Object.values(COLLECTIONS),
  ...MODE_SEPARATED_COLLECTIONS.map((name) => collectionForMode(name, false)),
  AUDIT_LOG_COLLECTION,
];
