// One place for collection names: the adapters, the security rules tests and the benchmark agree.
export const COLLECTIONS = {
  merchants: 'merchants',
  apiKeys: 'api_keys',
  payments: 'payments',
  refunds: 'refunds',
  idempotencyKeys: 'idempotency_keys',
  outbox: 'outbox',
  ledgerJournals: 'ledger_journals',
  ledgerCurrencies: 'ledger_currencies',
  rateLimits: 'rate_limits',
} as const;
