import * as functions from '@google-cloud/functions-framework';
import { FUNCTION_CATALOGUE, GateName, PAYMENT_GATES } from './catalogue/function-catalogue';
import { paymentGateTask } from './payments/entrypoints/run-payment-gate.task';
import { checkStartupConfiguration, compositionRoot } from './composition-root';
import { installRequestBodyParsers } from './platform/http/tolerant-json-body';
import { installHashPepper } from './shared/keyed-hash';
import { once } from './shared/once';
import { assertSafeRuntime } from './shared/runtime-environment';
import { getBalanceHttp } from './ledger/entrypoints/get-balance.http';
import { listBalanceTransactionsHttp } from './ledger/entrypoints/list-balance-transactions.http';
import { getBalanceTransactionHttp } from './ledger/entrypoints/get-balance-transaction.http';
import { authorizePaymentTask } from './payments/entrypoints/authorize-payment.task';
import { cancelPaymentHttp } from './payments/entrypoints/cancel-payment.http';
import { capturePaymentHttp } from './payments/entrypoints/capture-payment.http';
import { createPaymentHttp } from './payments/entrypoints/create-payment.http';
import { createRefundHttp } from './payments/entrypoints/create-refund.http';
import { executeCaptureTask } from './payments/entrypoints/execute-capture.task';
import { executeRefundTask } from './payments/entrypoints/execute-refund.task';
import { forwardDisputeResponseTask } from './payments/entrypoints/forward-dispute-response.task';
import { closeDisputeHttp, getDisputeHttp, listDisputesHttp, updateDisputeHttp } from './payments/entrypoints/disputes.http';
import { getPaymentHttp } from './payments/entrypoints/get-payment.http';
import { getRefundHttp } from './payments/entrypoints/get-refund.http';
import { listPaymentsHttp } from './payments/entrypoints/list-payments.http';
import { voidAuthorizationTask } from './payments/entrypoints/void-authorization.task';
import { sweepStuckPaymentsSchedule } from './payments/entrypoints/sweep-stuck-payments.schedule';
import { screenSanctionsHttp } from './compliance/entrypoints/screen-sanctions.http';
import { addCaseNoteHttp, assignCaseHttp, getCaseHttp, listCasesHttp, resolveCaseHttp } from './compliance/entrypoints/cases.http';
import { listAuditLogHttp } from './compliance/entrypoints/audit-log.http';
import { monitorTransactionsEvent } from './compliance/entrypoints/monitor-transactions.pubsub';
import { refreshSanctionsListSchedule } from './compliance/entrypoints/refresh-sanctions-list.schedule';
import { fetchSanctionsListSchedule } from './compliance/entrypoints/fetch-sanctions-list.schedule';
import { expireReviewsSchedule } from './fraud/entrypoints/expire-reviews.schedule';
import { createRadarRuleHttp, deleteRadarRuleHttp, listRadarRulesHttp } from './fraud/entrypoints/radar-rules.http';
import { recordFraudOutcomeEvent } from './fraud/entrypoints/record-fraud-outcome.pubsub';
import { approveReviewHttp, listReviewsHttp, rejectReviewHttp, reportFraudHttp } from './fraud/entrypoints/reviews.http';
import { createAccountVerificationHttp, getAccountVerificationHttp } from './identity/entrypoints/account-verification.http';
import { identityVendorWebhookHttp } from './identity/entrypoints/identity-vendor-webhook.http';
import { createKycVerificationHttp } from './identity/entrypoints/kyc-verifications.http';
import { runKycCheckTask } from './identity/entrypoints/run-kyc-check.task';
import { getOpenApiHttp } from './platform/entrypoints/get-openapi.http';
import { relayOutboxSchedule } from './platform/entrypoints/relay-outbox.schedule';
import { relayAuditLogSchedule } from './compliance/entrypoints/relay-audit-log.schedule';
import { bankWebhookHttp } from './settlement/entrypoints/bank-webhook.http';
import { processorNotificationsHttp } from './payments/entrypoints/processor-notifications.http';
import { getRoutingHttp, updateRoutingHttp } from './payments/entrypoints/routing.http';
import { syncProcessorStatusSchedule } from './payments/entrypoints/sync-processor-status.schedule';
import { processorHealthHttp } from './payments/entrypoints/processor-health.http';
import { getPayoutSettingsHttp, updatePayoutSettingsHttp } from './settlement/entrypoints/payout-settings.http';
import { cancelPayoutHttp, createPayoutHttp, getPayoutHttp, listPayoutsHttp } from './settlement/entrypoints/payouts.http';
import { runSettlementHttp } from './settlement/entrypoints/settlement-run.http';
import { planSettlementsSchedule, settleMerchantTask, submitPayoutTask } from './settlement/entrypoints/settlement.tasks';
import { getReconciliationRunHttp, listReconciliationRunsHttp, runReconciliationTestHelperHttp } from './reconciliation/entrypoints/reconciliation.http';
import { runReconciliationSchedule } from './reconciliation/entrypoints/run-reconciliation.schedule';
import { getEventHttp, listEventsHttp } from './webhooks/entrypoints/events.http';
import { listDeliveryAttemptsHttp, redeliverEventHttp } from './webhooks/entrypoints/deliveries.http';
import { createWebhookEndpointHttp, deleteWebhookEndpointHttp, getWebhookEndpointHttp, listWebhookEndpointsHttp, rotateWebhookSecretHttp, updateWebhookEndpointHttp } from './webhooks/entrypoints/webhook-endpoints.http';
import { acceptInvitationHttp, inviteMemberHttp, linkAppUserHttp, listMembersHttp, removeMemberHttp, updateMemberHttp } from './merchants/entrypoints/team.http';
import { createApiKeyHttp, listApiKeysHttp, revokeApiKeyHttp, rollApiKeyHttp } from './merchants/entrypoints/api-keys.http';
import { deliverWebhookTask, emitMerchantEventsPubsub, retryWebhookTask } from './webhooks/entrypoints/webhook-deliveries.tasks';

// Every deployed function, registered under the catalogue's entry point. One source bundle serves
// them all; each Cloud Function is deployed with its own --entry-point.
// Local-only settings (unsigned tokens, key file, development hash key) outside the emulator: no start.
assertSafeRuntime(process.env);
installRequestBodyParsers();
// The one place the environment is read: a bad configuration refuses to start here (cold start).
const config = checkStartupConfiguration(process.env);
installHashPepper(config.hashPepper);
// Builds nothing yet: each function's first request builds the modules it uses.
const root = compositionRoot(config);

// What each function receives, asked for on its first request (so cold start stays cheap).
const payments = () => root.payments();
const compliance = () => root.compliance();
const identity = () => root.identity();
const settlement = () => root.settlement();
const reconciliation = () => root.reconciliation();
const webhooks = () => root.webhooks();
const merchants = () => root.merchants();
const withFraud = once(() => ({ ...root.payments(), fraud: root.fraud() }));
const withCompliance = once(() => ({ ...root.payments(), compliance: root.compliance() }));
const withIdentity = once(() => ({ ...root.payments(), identity: root.identity() }));
// A gate's task builds only what its own check needs (the fraud gate never builds the compliance module
// or loads the sanctions list; the sanctions gate uses the fraud context's card lookup and IP table).
const gate = (name: GateName) => once(() => ({ ...root.payments(), gate: root.gateCheck(name) }));

const http: Record<string, functions.HttpFunction> = {
  createPayment: createPaymentHttp(payments),
  listPayments: listPaymentsHttp(payments),
  getPayment: getPaymentHttp(payments),
  capturePayment: capturePaymentHttp(payments),
  cancelPayment: cancelPaymentHttp(payments),
  createRefund: createRefundHttp(payments),
  getRefund: getRefundHttp(payments),
  getBalance: getBalanceHttp(() => root.ledger()),
  listBalanceTransactions: listBalanceTransactionsHttp(() => root.ledger()),
  getBalanceTransaction: getBalanceTransactionHttp(() => root.ledger()),
  screenSanctions: screenSanctionsHttp(withCompliance),
  listCases: listCasesHttp(compliance),
  getCase: getCaseHttp(compliance),
  assignCase: assignCaseHttp(compliance),
  addCaseNote: addCaseNoteHttp(compliance),
  resolveCase: resolveCaseHttp(compliance),
  listAuditLog: listAuditLogHttp(compliance),
  getOpenApi: getOpenApiHttp,
  authorizePayment: authorizePaymentTask(payments),
  executeCapture: executeCaptureTask(payments),
  voidAuthorization: voidAuthorizationTask(payments),
  executeRefund: executeRefundTask(payments),
  forwardDisputeResponse: forwardDisputeResponseTask(payments),
  relayOutbox: relayOutboxSchedule(() => root.platform()),
  relayAuditLog: relayAuditLogSchedule(compliance),
  sweepStuckPayments: sweepStuckPaymentsSchedule(payments),
  listRadarRules: listRadarRulesHttp(withFraud),
  createRadarRule: createRadarRuleHttp(withFraud),
  deleteRadarRule: deleteRadarRuleHttp(withFraud),
  listReviews: listReviewsHttp(withFraud),
  approveReview: approveReviewHttp(withFraud),
  rejectReview: rejectReviewHttp(withFraud),
  reportFraud: reportFraudHttp(withFraud),
  expireReviews: expireReviewsSchedule(withFraud),
  refreshSanctionsList: refreshSanctionsListSchedule(compliance),
  fetchSanctionsList: fetchSanctionsListSchedule(compliance),
  createAccountVerification: createAccountVerificationHttp(withIdentity),
  getAccountVerification: getAccountVerificationHttp(withIdentity),
  createKycVerification: createKycVerificationHttp(identity),
  identityVendorWebhook: identityVendorWebhookHttp(identity),
  runKycCheck: runKycCheckTask(identity),
  getPayoutSettings: getPayoutSettingsHttp(settlement),
  updatePayoutSettings: updatePayoutSettingsHttp(settlement),
  listPayouts: listPayoutsHttp(settlement),
  getPayout: getPayoutHttp(settlement),
  createPayout: createPayoutHttp(settlement),
  cancelPayout: cancelPayoutHttp(settlement),
  runSettlement: runSettlementHttp(settlement),
  bankWebhook: bankWebhookHttp(settlement),
  processorNotifications: processorNotificationsHttp(payments),
  listDisputes: listDisputesHttp(payments),
  getDispute: getDisputeHttp(payments),
  updateDispute: updateDisputeHttp(payments),
  closeDispute: closeDisputeHttp(payments),
  getRouting: getRoutingHttp(payments),
  syncProcessorStatus: syncProcessorStatusSchedule(payments),
  processorHealth: processorHealthHttp(payments),
  updateRouting: updateRoutingHttp(payments),
  settleMerchant: settleMerchantTask(settlement),
  submitPayout: submitPayoutTask(settlement),
  planSettlements: planSettlementsSchedule(settlement),
  listReconciliationRuns: listReconciliationRunsHttp(reconciliation),
  getReconciliationRun: getReconciliationRunHttp(reconciliation),
  runReconciliationTestHelper: runReconciliationTestHelperHttp(reconciliation),
  runReconciliation: runReconciliationSchedule(reconciliation),
  listEvents: listEventsHttp(webhooks),
  getEvent: getEventHttp(webhooks),
  listDeliveryAttempts: listDeliveryAttemptsHttp(webhooks),
  redeliverEvent: redeliverEventHttp(webhooks),
  createWebhookEndpoint: createWebhookEndpointHttp(webhooks),
  listWebhookEndpoints: listWebhookEndpointsHttp(webhooks),
  getWebhookEndpoint: getWebhookEndpointHttp(webhooks),
  updateWebhookEndpoint: updateWebhookEndpointHttp(webhooks),
  deleteWebhookEndpoint: deleteWebhookEndpointHttp(webhooks),
  rotateWebhookSecret: rotateWebhookSecretHttp(webhooks),
  deliverWebhook: deliverWebhookTask(webhooks),
  retryWebhook: retryWebhookTask(webhooks),
  inviteMember: inviteMemberHttp(merchants),
  listMembers: listMembersHttp(merchants),
  updateMember: updateMemberHttp(merchants),
  removeMember: removeMemberHttp(merchants),
  acceptInvitation: acceptInvitationHttp(merchants),
  createApiKey: createApiKeyHttp(merchants),
  listApiKeys: listApiKeysHttp(merchants),
  rollApiKey: rollApiKeyHttp(merchants),
  revokeApiKey: revokeApiKeyHttp(merchants),
  linkAppUser: linkAppUserHttp(merchants),
  // One task function per declared gate, all run by the same gate runner.
  ...Object.fromEntries(PAYMENT_GATES.map((g) => [g.entryPoint, paymentGateTask(g.functionName, gate(g.name))])),
};
// Pub/Sub functions are HTTP functions too: their push subscriptions POST the message envelope
// (a plain push subscription can filter by event type; an Eventarc trigger cannot).
const events: Record<string, functions.HttpFunction> = {
  recordFraudOutcome: recordFraudOutcomeEvent(withFraud),
  monitorTransactions: monitorTransactionsEvent(compliance),
  emitMerchantEvents: emitMerchantEventsPubsub(webhooks),
};

for (const spec of FUNCTION_CATALOGUE) {
  const handler = spec.trigger === 'pubsub' ? events[spec.entryPoint] : http[spec.entryPoint];
  if (!handler) throw new Error(`Catalogue names ${spec.entryPoint} but no ${spec.trigger === 'pubsub' ? 'event' : 'HTTP'} handler is registered`);
  functions.http(spec.entryPoint, handler);
}
