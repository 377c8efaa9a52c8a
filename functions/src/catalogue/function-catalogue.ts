import { PAYMENT_EVENTS_TOPIC, PaymentEventTypeV1 } from '../contracts/payment-events.v1';
import { QueueName, QUEUES } from '../contracts/payment-tasks.v1';
import * as api from '../contracts/payments-api.v1';
import { ScreenNameRequestSchema, ScreenNameResponseSchema } from '../contracts/compliance-api.v1';
import * as radar from '../contracts/radar-api.v1';
import * as routing from '../contracts/routing-api.v1';
import * as disputes from '../contracts/disputes-api.v1';
import * as cases from '../contracts/compliance-api.v1';
import * as identity from '../contracts/identity-api.v1';
import * as ledger from '../contracts/ledger-api.v1';
import * as settlement from '../contracts/settlement-api.v1';
import * as reconciliation from '../contracts/reconciliation-api.v1';
import type { FunctionSpec, HttpRoute, PaymentEventType, RetryPolicy } from './function-spec';
import { WEBHOOKS_FUNCTIONS } from './webhooks-functions';
import { TEAM_FUNCTIONS } from './team-functions';

// The single list of deployed functions. The local runner, the OpenAPI document and Terraform are
// all generated from it, so none of them can name a function, route, topic or queue the others lack.
// The shapes (function-spec.ts), re-exported: every consumer of the catalogue imports them from here.
export { DEFAULT_MAX_DOUBLINGS } from './function-spec';
export type { FunctionSpec, HttpRoute, PaymentEventType, RetryPolicy } from './function-spec';

const processorRetry: RetryPolicy = { maxAttempts: 50, minBackoffSeconds: 0.2, maxBackoffSeconds: 300 };
// Fraud scoring that cannot read its history or the card retries quickly at first; the payment waits unscored.
const scoringRetry: RetryPolicy = { maxAttempts: 100, minBackoffSeconds: 0.2, maxBackoffSeconds: 300 };
// A gate that cannot decide (e.g. the sanctions list is not loaded) retries; the payment waits.
const gateRetry: RetryPolicy = { maxAttempts: 100, minBackoffSeconds: 1, maxBackoffSeconds: 300 };
// A KYC check that cannot reach the vendor or the list retries; the verification stays pending.
const kycRetry: RetryPolicy = { maxAttempts: 50, minBackoffSeconds: 0.5, maxBackoffSeconds: 300 };
// A settlement waiting on FX or Firestore retries for hours; the next day's run would settle it anyway.
const settlementRetry: RetryPolicy = { maxAttempts: 30, minBackoffSeconds: 5, maxBackoffSeconds: 600 };
// A payout whose bank answer is unknown retries with the same idempotency key until the bank answers.
const bankRetry: RetryPolicy = { maxAttempts: 50, minBackoffSeconds: 1, maxBackoffSeconds: 300 };
/**
 * The payment gates, in chain order: checks a payment must pass between creation and the processor.
 * Adding a gate is this one declaration plus its check, registered under the same name in the
 * composition root (a Record keyed by GateName, so a missing check does not compile). The task
 * function, its queue in Terraform and the local runner, the hand-off and the sweep all follow.
 */
export const PAYMENT_GATES = [
  { name: 'fraud', queue: QUEUES.fraud, functionName: 'score-fraud', entryPoint: 'scoreFraud', retry: scoringRetry },
  { name: 'sanctions', queue: QUEUES.sanctions, functionName: 'screen-payment', entryPoint: 'screenPayment', retry: gateRetry },
] as const satisfies ReadonlyArray<{ name: string; queue: QueueName; functionName: string; entryPoint: string; retry: RetryPolicy }>;
export type GateName = (typeof PAYMENT_GATES)[number]['name'];

const http = (name: string, entryPoint: string, route: HttpRoute): FunctionSpec => ({ name, entryPoint, trigger: 'http', route });

export const FUNCTION_CATALOGUE: readonly FunctionSpec[] = [
  http('create-payment', 'createPayment', {
    method: 'POST', path: '/v1/payments', summary: 'Create a payment', successStatus: 201, request: api.CreatePaymentRequest, response: api.PaymentObject, auth: 'merchant_key', resource: 'payments',
  }),
  http('list-payments', 'listPayments', {
    method: 'GET', path: '/v1/payments', summary: 'List payments, newest first', successStatus: 200, query: api.ListPaymentsQuery, response: api.PaymentList, auth: 'merchant_key', resource: 'payments',
  }),
  http('get-payment', 'getPayment', {
    method: 'GET', path: '/v1/payments/{id}', summary: 'Retrieve a payment', successStatus: 200, response: api.PaymentObject, auth: 'merchant_key', resource: 'payments',
  }),
  http('capture-payment', 'capturePayment', {
    method: 'POST', path: '/v1/payments/{id}/capture', summary: 'Capture an authorised payment', successStatus: 200, request: api.CapturePaymentRequest, response: api.PaymentObject, auth: 'merchant_key', resource: 'payments',
  }),
  http('cancel-payment', 'cancelPayment', {
    method: 'POST', path: '/v1/payments/{id}/cancel', summary: 'Cancel an uncaptured payment', successStatus: 200, request: api.CancelPaymentRequest, response: api.PaymentObject, auth: 'merchant_key', resource: 'payments',
  }),
  http('create-refund', 'createRefund', {
    method: 'POST', path: '/v1/refunds', summary: 'Refund a captured payment', successStatus: 201, request: api.CreateRefundRequest, response: api.RefundObject, auth: 'merchant_key', resource: 'refunds',
  }),
  http('get-refund', 'getRefund', {
    method: 'GET', path: '/v1/refunds/{id}', summary: 'Retrieve a refund', successStatus: 200, response: api.RefundObject, auth: 'merchant_key', resource: 'refunds',
  }),
  http('get-balance', 'getBalance', {
    method: 'GET', path: '/v1/balance', summary: 'Available and pending balance per currency, summed from the balance transactions', successStatus: 200, response: api.BalanceObject, auth: 'merchant_key', resource: 'balance',
  }),
  http('list-balance-transactions', 'listBalanceTransactions', {
    method: 'GET', path: '/v1/balance_transactions', summary: 'Every movement of the balance (charges, refunds, payouts, FX…), newest first', successStatus: 200, query: ledger.ListBalanceTransactionsQuery, response: ledger.BalanceTransactionList, auth: 'merchant_key', resource: 'balance',
  }),
  http('get-balance-transaction', 'getBalanceTransaction', {
    method: 'GET', path: '/v1/balance_transactions/{id}', summary: 'Retrieve a balance transaction', successStatus: 200, response: ledger.BalanceTransactionObject, auth: 'merchant_key', resource: 'balance',
  }),
  http('screen-sanctions', 'screenSanctions', {
    method: 'POST', path: '/v1/sanctions/screen', summary: 'Screen a name against the OFAC SDN list', successStatus: 200, request: ScreenNameRequestSchema, response: ScreenNameResponseSchema, auth: 'merchant_key', resource: 'sanctions',
  }),
  // Compliance staff API: authenticated with staff keys (sk_staff_), not merchant keys.
  http('list-cases', 'listCases', {
    method: 'GET', path: '/v1/cases', summary: 'List compliance cases, newest first (staff)', successStatus: 200, query: cases.ListCasesQuery, response: cases.CaseList, auth: 'staff_key',
  }),
  http('get-case', 'getCase', {
    method: 'GET', path: '/v1/cases/{id}', summary: 'Retrieve a compliance case (staff)', successStatus: 200, response: cases.CaseObject, auth: 'staff_key',
  }),
  http('assign-case', 'assignCase', {
    method: 'POST', path: '/v1/cases/{id}/assign', summary: 'Assign a case (staff)', successStatus: 200, request: cases.AssignCaseRequest, response: cases.CaseObject, auth: 'staff_key',
  }),
  http('add-case-note', 'addCaseNote', {
    method: 'POST', path: '/v1/cases/{id}/notes', summary: 'Add a note to a case (staff)', successStatus: 200, request: cases.AddCaseNoteRequest, response: cases.CaseObject, auth: 'staff_key',
  }),
  http('resolve-case', 'resolveCase', {
    method: 'POST', path: '/v1/cases/{id}/resolve', summary: 'Resolve a case: cleared or reported (staff)', successStatus: 200, request: cases.ResolveCaseRequest, response: cases.CaseObject, auth: 'staff_key',
  }),
  http('list-audit-log', 'listAuditLog', {
    method: 'GET', path: '/v1/audit_log', summary: 'The append-only compliance audit log, newest first (staff)', successStatus: 200, query: cases.ListAuditLogQuery, response: cases.AuditLogList, auth: 'staff_key',
  }),
  http('list-radar-rules', 'listRadarRules', {
    method: 'GET', path: '/v1/radar/rules', summary: 'List the merchant\'s fraud rules (CEL) and the rule set version', successStatus: 200, response: radar.RadarRuleList, auth: 'merchant_key', resource: 'fraud',
  }),
  http('create-radar-rule', 'createRadarRule', {
    method: 'POST', path: '/v1/radar/rules', summary: 'Add a fraud rule; the expression is validated (400 invalid_rule with its position)', successStatus: 201, request: radar.CreateRadarRuleRequest, response: radar.RadarRuleObject, auth: 'merchant_key', resource: 'fraud',
  }),
  http('delete-radar-rule', 'deleteRadarRule', {
    method: 'DELETE', path: '/v1/radar/rules/{id}', summary: 'Delete a fraud rule (writes a new rule set version)', successStatus: 200, response: radar.DeletedRadarRule, auth: 'merchant_key', resource: 'fraud',
  }),
  // Disputes (chargebacks and inquiries) as the processors report them; the merchant answers with evidence or accepts.
  http('list-disputes', 'listDisputes', {
    method: 'GET', path: '/v1/disputes', summary: 'List disputes, newest first (optionally of one payment)', successStatus: 200, query: disputes.ListDisputesQuery, response: disputes.DisputeList, auth: 'merchant_key', resource: 'disputes',
  }),
  http('get-dispute', 'getDispute', {
    method: 'GET', path: '/v1/disputes/{id}', summary: 'Retrieve a dispute', successStatus: 200, response: disputes.DisputeObject, auth: 'merchant_key', resource: 'disputes',
  }),
  http('update-dispute', 'updateDispute', {
    method: 'POST', path: '/v1/disputes/{id}', summary: 'Save evidence (text fields and file tokens) and, unless submit is false, send it to the processor (status under_review)', successStatus: 200, request: disputes.UpdateDisputeRequest, response: disputes.DisputeObject, auth: 'merchant_key', resource: 'disputes',
  }),
  http('close-dispute', 'closeDispute', {
    method: 'POST', path: '/v1/disputes/{id}/close', summary: 'Accept the dispute: a chargeback is lost, an inquiry closed', successStatus: 200, request: disputes.CloseDisputeRequest, response: disputes.DisputeObject, auth: 'merchant_key', resource: 'disputes',
  }),
  // Processor routing (per mode): rules, volume split, local processors, failover order.
  http('get-routing', 'getRouting', {
    method: 'GET', path: '/v1/routing', summary: 'The merchant\'s processor routing for the key\'s mode, and the processors available', successStatus: 200, query: routing.GetRoutingQuery, response: routing.RoutingObject, auth: 'merchant_key', resource: 'routing',
  }),
  http('update-routing', 'updateRouting', {
    method: 'POST', path: '/v1/routing', summary: 'Replace the processor routing: CEL rules (checked on save, 400 invalid_routing_rule), a volume split, local processors, failover order', successStatus: 200, request: routing.UpdateRoutingRequest, response: routing.RoutingObject, auth: 'merchant_key', resource: 'routing',
  }),
  http('list-reviews', 'listReviews', {
    method: 'GET', path: '/v1/reviews', summary: 'Payments held for review, newest first', successStatus: 200, query: radar.ListReviewsQuery, response: radar.ReviewList, auth: 'merchant_key', resource: 'reviews',
  }),
  http('approve-review', 'approveReview', {
    method: 'POST', path: '/v1/reviews/{id}/approve', summary: 'Approve a held payment: it continues to authorisation', successStatus: 200, request: radar.ResolveReviewRequest, response: api.PaymentObject, auth: 'merchant_key', resource: 'reviews',
  }),
  http('reject-review', 'rejectReview', {
    method: 'POST', path: '/v1/reviews/{id}/reject', summary: 'Reject a held payment: it fails with fraud_rejected', successStatus: 200, request: radar.ResolveReviewRequest, response: api.PaymentObject, auth: 'merchant_key', resource: 'reviews',
  }),
  http('report-fraud', 'reportFraud', {
    method: 'POST', path: '/v1/payments/{id}/fraud_report', summary: 'Report a payment as fraud: its card, e-mail and IP become known-bad; a captured payment is refunded', successStatus: 200, request: radar.FraudReportRequest, response: api.PaymentObject, auth: 'merchant_key', resource: 'fraud',
  }),
  http('create-account-verification', 'createAccountVerification', {
    method: 'POST', path: '/v1/account/verification', summary: 'Submit the business and its beneficial owners for verification (KYB)', successStatus: 201, request: identity.CreateAccountVerificationRequest, response: identity.VerificationObject, auth: 'merchant_key', resource: 'account',
  }),
  http('get-account-verification', 'getAccountVerification', {
    method: 'GET', path: '/v1/account/verification', summary: 'The merchant\'s current verification and its status', successStatus: 200, response: identity.VerificationObject, auth: 'merchant_key', resource: 'account',
  }),
  // End users of the mobile apps: authenticated with a Firebase ID token, not a merchant key.
  http('create-kyc-verification', 'createKycVerification', {
    method: 'POST', path: '/v1/kyc/verifications', summary: 'Verify an end user (KYC; Firebase ID token with a verified e-mail; rate-limited per user and merchant; answers the status only)', successStatus: 201, request: identity.CreateKycVerificationRequest, response: identity.KycVerificationObject, auth: 'firebase_id_token',
  }),
  // Authenticated by the vendor's HMAC signature, not a bearer token.
  http('identity-vendor-webhook', 'identityVendorWebhook', {
    method: 'POST', path: '/v1/webhooks/identity-vendor', summary: 'Signed results from the identity vendor', successStatus: 200, response: identity.IdentityVendorWebhookAnswer, auth: 'vendor_signature',
  }),
  // Money out: payout settings, payouts, the settlement test helper (test keys) and the bank's signed webhook.
  http('get-payout-settings', 'getPayoutSettings', {
    method: 'GET', path: '/v1/account/payout_settings', summary: 'The payout schedule, delay days, settlement currency and bank account (last4)', successStatus: 200, response: settlement.PayoutSettingsObject, auth: 'merchant_key', resource: 'payout_settings',
  }),
  http('update-payout-settings', 'updatePayoutSettings', {
    method: 'POST', path: '/v1/account/payout_settings', summary: 'Change the payout settings; the bank account token is checked with the bank', successStatus: 200, request: settlement.PayoutSettingsRequest, response: settlement.PayoutSettingsObject, auth: 'merchant_key', resource: 'payout_settings',
  }),
  http('list-payouts', 'listPayouts', {
    method: 'GET', path: '/v1/payouts', summary: 'List payouts, newest first', successStatus: 200, query: settlement.ListPayoutsQuery, response: settlement.PayoutList, auth: 'merchant_key', resource: 'payouts',
  }),
  http('get-payout', 'getPayout', {
    method: 'GET', path: '/v1/payouts/{id}', summary: 'Retrieve a payout', successStatus: 200, response: settlement.PayoutObject, auth: 'merchant_key', resource: 'payouts',
  }),
  http('create-payout', 'createPayout', {
    method: 'POST', path: '/v1/payouts', summary: 'Pay out available funds now (at most the available balance in that currency)', successStatus: 200, request: settlement.CreatePayoutRequest, response: settlement.PayoutObject, auth: 'merchant_key', resource: 'payouts',
  }),
  http('cancel-payout', 'cancelPayout', {
    method: 'POST', path: '/v1/payouts/{id}/cancel', summary: 'Cancel a pending payout: its money returns to the available balance', successStatus: 200, request: settlement.CancelPayoutRequest, response: settlement.PayoutObject, auth: 'merchant_key', resource: 'payouts',
  }),
  http('run-settlement', 'runSettlement', {
    method: 'POST', path: '/v1/test_helpers/settlement/run', summary: 'Test keys only: run this merchant\'s settlement now', successStatus: 200, request: settlement.RunSettlementRequest, response: settlement.SettlementRunObject, auth: 'merchant_key', resource: 'payouts',
  }),
  http('processor-health', 'processorHealth', {
    method: 'GET', path: '/v1/processors/health', summary: 'Each processor\'s answers, approvals, latency and state over the last 15 minutes, per mode (staff)', successStatus: 200, query: routing.ProcessorHealthQuery, response: routing.ProcessorHealthList, auth: 'staff_key',
  }),
  // Signed by the processor (Standard Webhooks over the raw body), verified by that processor's connector.
  http('processor-notifications', 'processorNotifications', {
    method: 'POST', path: '/v1/processors/{id}/notifications', summary: 'Signed asynchronous notifications from a processor (capture, cancellation and refund confirmations)', successStatus: 200, response: settlement.BankWebhookAnswer, auth: 'standard_webhooks_signature',
  }),
  // Authenticated by the bank's Standard Webhooks signature over the raw body, not a bearer token.
  http('bank-webhook', 'bankWebhook', {
    method: 'POST', path: '/v1/webhooks/bank', summary: 'Signed transfer outcomes from the bank (paid, failed, returned)', successStatus: 200, response: settlement.BankWebhookAnswer, auth: 'standard_webhooks_signature',
  }),
  // Reconciliation (finance staff, staff keys): runs of the three-way match and their exceptions.
  http('list-reconciliation-runs', 'listReconciliationRuns', {
    method: 'GET', path: '/v1/reconciliation/runs', summary: 'Reconciliation runs, newest first, with matched / unmatched counts (staff)', successStatus: 200, query: reconciliation.ListReconciliationRunsQuery, response: reconciliation.ReconciliationRunList, auth: 'staff_key',
  }),
  http('get-reconciliation-run', 'getReconciliationRun', {
    method: 'GET', path: '/v1/reconciliation/runs/{id}', summary: 'A reconciliation run with its counts, totals per currency and exceptions (staff)', successStatus: 200, response: reconciliation.ReconciliationRunDetail, auth: 'staff_key',
  }),
  http('run-reconciliation-test-helper', 'runReconciliationTestHelper', {
    method: 'POST', path: '/v1/test_helpers/reconciliation/run', summary: 'Test mode only: reconcile a day (default today so far) now (staff)', successStatus: 200, request: reconciliation.RunReconciliationRequest, response: reconciliation.ReconciliationRunObject, auth: 'staff_key',
  }),
  // Merchant events and webhooks: the Events API, webhook endpoints and their deliveries (webhooks-functions.ts).
  ...WEBHOOKS_FUNCTIONS,
  // The team, API keys and app users (team-functions.ts).
  ...TEAM_FUNCTIONS,
  http('get-openapi', 'getOpenApi', {
    method: 'GET', path: '/v1/openapi.json', summary: 'This API description (OpenAPI 3.1)', successStatus: 200, response: api.OpenApiDocumentObject, auth: 'none',
  }),
  { name: 'authorize-payment', entryPoint: 'authorizePayment', trigger: 'task', queue: QUEUES.authorize, retry: processorRetry, maxConcurrentDispatches: 100 },
  { name: 'execute-capture', entryPoint: 'executeCapture', trigger: 'task', queue: QUEUES.capture, retry: processorRetry, maxConcurrentDispatches: 100 },
  { name: 'void-authorization', entryPoint: 'voidAuthorization', trigger: 'task', queue: QUEUES.void, retry: processorRetry, maxConcurrentDispatches: 20 },
  { name: 'execute-refund', entryPoint: 'executeRefund', trigger: 'task', queue: QUEUES.refund, retry: processorRetry, maxConcurrentDispatches: 20 },
  { name: 'forward-dispute-response', entryPoint: 'forwardDisputeResponse', trigger: 'task', queue: QUEUES.disputeResponses, retry: processorRetry, maxConcurrentDispatches: 10 },
  // The payment gates' functions, from their declarations below.
  ...PAYMENT_GATES.map((gate): FunctionSpec => ({ name: gate.functionName, entryPoint: gate.entryPoint, trigger: 'task', queue: gate.queue, retry: gate.retry, maxConcurrentDispatches: 100 })),
  {
    name: 'monitor-transactions', entryPoint: 'monitorTransactions', trigger: 'pubsub', topic: PAYMENT_EVENTS_TOPIC, subscription: 'monitor-transactions',
    eventTypes: ['payment.succeeded', 'refund.succeeded'],
  },
  { name: 'settle-merchant', entryPoint: 'settleMerchant', trigger: 'task', queue: QUEUES.settlements, retry: settlementRetry, maxConcurrentDispatches: 50 },
  { name: 'submit-payout', entryPoint: 'submitPayout', trigger: 'task', queue: QUEUES.payoutSubmissions, retry: bankRetry, maxConcurrentDispatches: 20 },
  { name: 'run-kyc-check', entryPoint: 'runKycCheck', trigger: 'task', queue: QUEUES.kyc, retry: kycRetry, maxConcurrentDispatches: 20 },
  {
    name: 'record-fraud-outcome', entryPoint: 'recordFraudOutcome', trigger: 'pubsub', topic: PAYMENT_EVENTS_TOPIC, subscription: 'record-fraud-outcome',
    eventTypes: ['payment.failed', 'dispute.funds_withdrawn'],
  },
  { name: 'expire-reviews', entryPoint: 'expireReviews', trigger: 'schedule', schedule: '17 3 * * *', localEverySeconds: 3600 },
  // Fans the day's settlements out as one named task per merchant, mode and date.
  { name: 'plan-settlements', entryPoint: 'planSettlements', trigger: 'schedule', schedule: '0 2 * * *', localEverySeconds: 30 },
  // Yesterday's three-way reconciliation, after the processor's report and the bank's statement are out.
  { name: 'run-reconciliation', entryPoint: 'runReconciliation', trigger: 'schedule', schedule: '30 5 * * *', localEverySeconds: 3600 },
  { name: 'relay-outbox', entryPoint: 'relayOutbox', trigger: 'schedule', schedule: '* * * * *', localEverySeconds: 5 },
  // Archives committed audit entries into the append-only audit database, where staff read them.
  { name: 'relay-audit-log', entryPoint: 'relayAuditLog', trigger: 'schedule', schedule: '* * * * *', localEverySeconds: 2 },
  // Every minute: it is also how a hand-off lost after its commit (a crash, a lost commit answer) is recovered.
  { name: 'sweep-stuck-payments', entryPoint: 'sweepStuckPayments', trigger: 'schedule', schedule: '* * * * *', localEverySeconds: 15 },
  // Captures and refunds a processor accepted but has not confirmed within the sweep's bound: looked up there and applied.
  { name: 'sync-processor-status', entryPoint: 'syncProcessorStatus', trigger: 'schedule', schedule: '* * * * *', localEverySeconds: 15 },
  // Downloads OFAC's files into the list bucket half an hour before the refresh publishes them.
  { name: 'fetch-sanctions-list', entryPoint: 'fetchSanctionsList', trigger: 'schedule', schedule: '11 4 * * *', localEverySeconds: 3600 },
  { name: 'refresh-sanctions-list', entryPoint: 'refreshSanctionsList', trigger: 'schedule', schedule: '41 4 * * *', localEverySeconds: 300 },
];

export const httpFunctions = () => FUNCTION_CATALOGUE.filter((f): f is Extract<FunctionSpec, { trigger: 'http' }> => f.trigger === 'http');
export const taskFunctions = () => FUNCTION_CATALOGUE.filter((f): f is Extract<FunctionSpec, { trigger: 'task' }> => f.trigger === 'task');
export type PubsubFunctionSpec = Extract<FunctionSpec, { trigger: 'pubsub' }>;
export const pubsubFunctions = () => FUNCTION_CATALOGUE.filter((f): f is PubsubFunctionSpec => f.trigger === 'pubsub');
/** Every event type some Pub/Sub function subscribes to: the only ones worth writing to the outbox and publishing. */
export const consumedEventTypes = (): ReadonlySet<PaymentEventType> => new Set(pubsubFunctions().flatMap((f) => f.eventTypes));
export const scheduledFunctions = () => FUNCTION_CATALOGUE.filter((f): f is Extract<FunctionSpec, { trigger: 'schedule' }> => f.trigger === 'schedule');

export function functionForQueue(queue: QueueName): FunctionSpec {
  const spec = taskFunctions().find((f) => f.queue === queue);
  if (!spec) throw new Error(`No function handles queue ${queue}`);
  return spec;
}

/** Matches a concrete path against a route pattern, returning its parameters. */
export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const names: string[] = [];
  const regex = new RegExp(`^${pattern.replace(/\{(\w+)\}/g, (_, name: string) => (names.push(name), '([^/]+)'))}/?$`);
  const match = regex.exec(path);
  if (!match) return null;
  try {
    return Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(match[i + 1])]));
  } catch {
    return null; // a malformed escape matches no route: a 404, not a 500
  }
}

export function routeOf(entryPoint: string): HttpRoute {
  const spec = httpFunctions().find((f) => f.entryPoint === entryPoint);
  if (!spec) throw new Error(`No HTTP function ${entryPoint} in the catalogue`);
  return spec.route;
}

/** The message attribute the relay sets to the event type (CloudEvents Pub/Sub binding). */
export const EVENT_TYPE_ATTRIBUTE = 'ce-type';
// Pub/Sub refuses a longer filter when the subscription is created; fail at generation time instead.
const MAX_FILTER_BYTES = 256;

/** Whether the subscription delivers a message of this type: the filter's semantics, from the same list. */
export const consumesEventType = (spec: PubsubFunctionSpec, type: string | undefined): boolean => spec.eventTypes.some((t) => t === type);

/** The Pub/Sub subscription filter for the function's event types, e.g. attributes."ce-type" = "payment.failed". */
export function subscriptionFilter(spec: PubsubFunctionSpec): string {
  if (spec.eventTypes.length === 0) throw new Error(`${spec.name} consumes no event types`);
  const equals = (type: string) => `attributes."${EVENT_TYPE_ATTRIBUTE}" = "${type}"`;
  // A consumer of nearly every type (the merchant events) names the few it skips: the list of what it takes would exceed the limit.
  const skipped = PaymentEventTypeV1.options.filter((type) => !spec.eventTypes.includes(type));
  const filter = skipped.length === 0 ? '' : skipped.length < spec.eventTypes.length ? `NOT (${skipped.map(equals).join(' OR ')})` : spec.eventTypes.map(equals).join(' OR ');
  if (Buffer.byteLength(filter) > MAX_FILTER_BYTES) throw new Error(`The filter for ${spec.name} exceeds ${MAX_FILTER_BYTES} bytes: ${filter}`);
  return filter;
}
