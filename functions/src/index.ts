import * as functions from '@google-cloud/functions-framework';
import { FUNCTION_CATALOGUE } from './catalogue/function-catalogue';
import { checkStartupConfiguration } from './composition-root';
import { installRequestBodyParsers } from './platform/http/tolerant-json-body';
import { assertSafeRuntime } from './shared/runtime-environment';
import { getBalanceHttp } from './ledger/entrypoints/get-balance.http';
import { advancePaymentEvent } from './payments/entrypoints/advance-payment.pubsub';
import { authorizePaymentTask } from './payments/entrypoints/authorize-payment.task';
import { cancelPaymentHttp } from './payments/entrypoints/cancel-payment.http';
import { capturePaymentHttp } from './payments/entrypoints/capture-payment.http';
import { createPaymentHttp } from './payments/entrypoints/create-payment.http';
import { createRefundHttp } from './payments/entrypoints/create-refund.http';
import { executeCaptureTask } from './payments/entrypoints/execute-capture.task';
import { executeRefundTask } from './payments/entrypoints/execute-refund.task';
import { getPaymentHttp } from './payments/entrypoints/get-payment.http';
import { getRefundHttp } from './payments/entrypoints/get-refund.http';
import { listPaymentsHttp } from './payments/entrypoints/list-payments.http';
import { voidAuthorizationTask } from './payments/entrypoints/void-authorization.task';
import { sweepStuckPaymentsSchedule } from './payments/entrypoints/sweep-stuck-payments.schedule';
import { screenSanctionsHttp } from './compliance/entrypoints/screen-sanctions.http';
import { addCaseNoteHttp, assignCaseHttp, getCaseHttp, listCasesHttp, resolveCaseHttp } from './compliance/entrypoints/cases.http';
import { listAuditLogHttp } from './compliance/entrypoints/audit-log.http';
import { monitorTransactionsEvent } from './compliance/entrypoints/monitor-transactions.pubsub';
import { screenPaymentTask } from './compliance/entrypoints/screen-payment.task';
import { refreshSanctionsListSchedule } from './compliance/entrypoints/refresh-sanctions-list.schedule';
import { fetchSanctionsListSchedule } from './compliance/entrypoints/fetch-sanctions-list.schedule';
import { expireReviewsSchedule } from './fraud/entrypoints/expire-reviews.schedule';
import { createRadarRuleHttp, deleteRadarRuleHttp, listRadarRulesHttp } from './fraud/entrypoints/radar-rules.http';
import { recordFraudOutcomeEvent } from './fraud/entrypoints/record-fraud-outcome.pubsub';
import { approveReviewHttp, listReviewsHttp, rejectReviewHttp, reportFraudHttp } from './fraud/entrypoints/reviews.http';
import { scoreFraudTask } from './fraud/entrypoints/score-fraud.task';
import { createAccountVerificationHttp, getAccountVerificationHttp } from './identity/entrypoints/account-verification.http';
import { identityVendorWebhookHttp } from './identity/entrypoints/identity-vendor-webhook.http';
import { createKycVerificationHttp } from './identity/entrypoints/kyc-verifications.http';
import { runKycCheckTask } from './identity/entrypoints/run-kyc-check.task';
import { getOpenApiHttp } from './platform/entrypoints/get-openapi.http';
import { relayOutboxSchedule } from './platform/entrypoints/relay-outbox.schedule';

// Every deployed function, registered under the catalogue's entry point. One source bundle serves
// them all; each Cloud Function is deployed with its own --entry-point.
// Local-only settings (unsigned tokens, key file, development hash key) outside the emulator: no start.
assertSafeRuntime();
installRequestBodyParsers();
checkStartupConfiguration();

const http: Record<string, functions.HttpFunction> = {
  createPayment: createPaymentHttp,
  listPayments: listPaymentsHttp,
  getPayment: getPaymentHttp,
  capturePayment: capturePaymentHttp,
  cancelPayment: cancelPaymentHttp,
  createRefund: createRefundHttp,
  getRefund: getRefundHttp,
  getBalance: getBalanceHttp,
  screenSanctions: screenSanctionsHttp,
  listCases: listCasesHttp,
  getCase: getCaseHttp,
  assignCase: assignCaseHttp,
  addCaseNote: addCaseNoteHttp,
  resolveCase: resolveCaseHttp,
  listAuditLog: listAuditLogHttp,
  screenPayment: screenPaymentTask,
  getOpenApi: getOpenApiHttp,
  authorizePayment: authorizePaymentTask,
  executeCapture: executeCaptureTask,
  voidAuthorization: voidAuthorizationTask,
  executeRefund: executeRefundTask,
  relayOutbox: relayOutboxSchedule,
  sweepStuckPayments: sweepStuckPaymentsSchedule,
  scoreFraud: scoreFraudTask,
  listRadarRules: listRadarRulesHttp,
  createRadarRule: createRadarRuleHttp,
  deleteRadarRule: deleteRadarRuleHttp,
  listReviews: listReviewsHttp,
  approveReview: approveReviewHttp,
  rejectReview: rejectReviewHttp,
  reportFraud: reportFraudHttp,
  expireReviews: expireReviewsSchedule,
  refreshSanctionsList: refreshSanctionsListSchedule,
  fetchSanctionsList: fetchSanctionsListSchedule,
  createAccountVerification: createAccountVerificationHttp,
  getAccountVerification: getAccountVerificationHttp,
  createKycVerification: createKycVerificationHttp,
  identityVendorWebhook: identityVendorWebhookHttp,
  runKycCheck: runKycCheckTask,
};
// Pub/Sub functions are HTTP functions too: their push subscriptions POST the message envelope
// (a plain push subscription can filter by event type; an Eventarc trigger cannot).
const events: Record<string, functions.HttpFunction> = { advancePayment: advancePaymentEvent, recordFraudOutcome: recordFraudOutcomeEvent, monitorTransactions: monitorTransactionsEvent };

for (const spec of FUNCTION_CATALOGUE) {
  const handler = spec.trigger === 'pubsub' ? events[spec.entryPoint] : http[spec.entryPoint];
  if (!handler) throw new Error(`Catalogue names ${spec.entryPoint} but no ${spec.trigger === 'pubsub' ? 'event' : 'HTTP'} handler is registered`);
  functions.http(spec.entryPoint, handler);
}
