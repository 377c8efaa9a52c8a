import { PaymentEventV1 } from '../../contracts/payment-events.v1';
import { contextRecord } from '../../shared/context-record';
import { AML_REPORT } from './compliance.records';
import { amountsOf, Authorization, authorizationOf, Customer, Payment } from '../../payments/domain/payment';
import type { Refund } from '../../payments/domain/refund';
import { done, dropped, HandlerOutcome } from '../../payments/application/task-outcome';
import { Clock } from '../../shared/clock';
import { keyedHash } from '../../shared/keyed-hash';
import { AmlFacts, AmlHit, CompiledAmlRules, evaluateAmlRules } from '../domain/aml-rules';
import { auditEntry, SYSTEM_ACTORS } from '../domain/audit-entry';
import { openCase } from '../domain/compliance-case';
import { dayOf, emptyDay, observePayment, previousDayOf } from '../domain/customer-activity';
import { REFERENCE_RATES, toUsdCents } from '../../shared/reference-fx-rates';
import { COMPLIANCE_COLLECTIONS, ComplianceStore, ComplianceTransaction } from './compliance.store';
import { countryOfBusiness, type MerchantCountries } from '../../merchants/application/merchant-countries.query';

export interface MonitorDeps {
  readonly payments: { getPayment(id: string): Promise<Payment | null>; getRefund(id: string): Promise<Refund | null> };
  readonly store: ComplianceStore;
  readonly merchants: MerchantCountries;
  readonly clock: Clock;
  readonly amlRules: CompiledAmlRules;
  readonly highRiskJurisdictions: readonly string[];
}

/**
 * Who the customer is, for AML totals: the e-mail across merchants, else the card (its processor
 * fingerprint), else the payment alone. Never nothing: a payment without an e-mail used to skip
 * monitoring entirely. The mode is part of the key, so test payments never add to a live customer's
 * totals, and only a keyed hash reaches document ids.
 */
export function customerKeyOf(payment: { id: string; livemode: boolean; customer: Customer | null; authorization: Authorization | null }): { key: string; basis: 'email' | 'card' | 'payment' } {
  const mode = payment.livemode ? 'live' : 'test';
  const email = payment.customer?.email?.trim().toLowerCase();
  const fingerprint = payment.authorization?.card.fingerprint;
  const [basis, value] = email ? (['email', email] as const) : fingerprint ? (['card', fingerprint] as const) : (['payment', payment.id] as const);
  return { key: `${mode}_${keyedHash(`aml-customer-${basis}`, `${mode}:${value}`).slice(0, 32)}`, basis };
}

/**
 * AML monitoring of captured payments and refunds. Each event is handled once: the record keyed by
 * payment id (capture) or refund id (refund) is the marker that it was applied, and it commits in the
 * same transaction as the activity totals, alerts, cases and audit entries it causes, so a redelivered
 * event changes nothing. A succeeded payment without alerts costs two writes: its customer day and capture.
 */
export async function monitorTransaction(deps: MonitorDeps, event: PaymentEventV1): Promise<HandlerOutcome> {
  if (event.type !== 'payment.succeeded' && event.type !== 'refund.succeeded') return done('not_for_this_consumer');
  const payment = await deps.payments.getPayment(event.data.payment_id);
  if (!payment) return dropped('payment_not_found');
  // The payment document decides the mode; an event that claims the other mode is refused, never counted.
  if (event.data.livemode !== undefined && event.data.livemode !== payment.livemode) return dropped('mode_mismatch');
  const refund = event.type === 'refund.succeeded' ? await deps.payments.getRefund(event.data.refund_id ?? '') : null;
  if (event.type === 'refund.succeeded' && !refund) return dropped('refund_not_found');
  const amountMinor = refund ? refund.amount : (event.data.amount ?? amountsOf(payment).amountCaptured);
  // The API accepts only currencies with a reference rate, so this always converts.
  const amountUsdCents = toUsdCents(amountMinor, payment.currency);
  const merchantCountry = await countryOfBusiness(deps.merchants, payment.merchantId);
  const { key: customerKey, basis: customerBasis } = customerKeyOf({ ...payment, authorization: authorizationOf(payment) });
  const atMs = Date.parse(event.time) || deps.clock.nowMs();

  return deps.store.transaction(async (tx) => {
    const base = {
      amount_usd_cents: amountUsdCents,
      customer_country: payment.customer?.country ?? '',
      merchant_country: merchantCountry,
      high_risk_jurisdictions: deps.highRiskJurisdictions,
    };
    let facts: AmlFacts;
    if (refund) {
      if (await tx.getRefundRecord(refund.id)) return done('duplicate_event');
      const capture = await tx.getCapture(payment.id);
      const seconds = capture ? Math.floor((atMs - capture.capturedMs) / 1000) : -1;
      tx.saveRefundRecord({ refundId: refund.id, paymentId: payment.id, customerKey, refundedMs: atMs, eventId: event.id });
      facts = { ...base, event_type: 'refund', day_total_usd_cents: 0, day_total_before_usd_cents: 0, near_threshold_count_24h: 0, seconds_since_capture: seconds };
    } else {
      // Every captured payment reads these three: one round trip, as the transaction holds its locks meanwhile.
      const activity = await tx.getPaymentActivity(payment.id, customerKey, { today: dayOf(atMs), yesterday: previousDayOf(atMs) });
      if (activity.capture) return done('duplicate_event');
      const today = activity.today ?? emptyDay(customerKey, dayOf(atMs));
      const observed = observePayment(today, activity.yesterday, { paymentId: payment.id, amountUsdCents, atMs });
      tx.saveCustomerDay(observed.day);
      tx.saveCapture({ paymentId: payment.id, customerKey, capturedMs: atMs, eventId: event.id });
      facts = {
        ...base,
        event_type: 'payment',
        day_total_usd_cents: observed.day.totalUsdCents,
        day_total_before_usd_cents: observed.dayTotalBeforeUsdCents,
        near_threshold_count_24h: observed.nearThresholdCount24h,
        seconds_since_capture: -1,
      };
    }
    const nowMs = deps.clock.nowMs();
    const hits = evaluateAmlRules(deps.amlRules, facts);
    let raised = 0;
    for (const hit of hits) raised += (await raiseAlert(tx, hit, { payment, refund, customerKey, customerBasis, facts, atMs, nowMs })) ? 1 : 0;
    return done(raised > 0 ? `alerts_raised:${raised}` : 'no_alert');
  });
}

interface AlertContext {
  readonly payment: Payment;
  readonly refund: Refund | null;
  readonly customerKey: string;
  readonly customerBasis: 'email' | 'card' | 'payment';
  readonly facts: AmlFacts;
  readonly atMs: number;
  readonly nowMs: number;
}

// Deterministic case ids make "once per payment" or "once per customer and day" a single read.
async function raiseAlert(tx: ComplianceTransaction, hit: AmlHit, ctx: AlertContext): Promise<boolean> {
  const { rule, ruleVersion } = hit;
  const day = dayOf(ctx.atMs);
  const scope = rule.dedupe === 'per_payment' ? (ctx.refund?.id ?? ctx.payment.id) : `${ctx.customerKey}_${day}`;
  const caseId = `case_aml_${rule.id}_${scope}`;
  if (await tx.getCase(caseId)) return false;
  const { high_risk_jurisdictions: _list, ...facts } = ctx.facts;
  const details = { rule: rule.id, ruleVersion, ratesVersion: REFERENCE_RATES.version, customerBasis: ctx.customerBasis, paymentId: ctx.payment.id, refundId: ctx.refund?.id ?? null, day, facts };
  const subject = `customers/${ctx.customerKey}`;
  const alertCase = openCase(
    { id: caseId, kind: 'aml_alert', priority: rule.kind === 'report' ? 'high' : 'normal', subject, merchantId: ctx.payment.merchantId, livemode: ctx.payment.livemode, summary: rule.description, details },
    ctx.nowMs,
  );
  const actor = SYSTEM_ACTORS.amlMonitor;
  tx.saveCase(alertCase);
  tx.appendAudit(auditEntry({ actor, action: 'aml.alert_raised', subject, reason: rule.description, details }, ctx.nowMs));
  tx.appendAudit(auditEntry({ actor, action: 'case.opened', subject: `cases/${caseId}`, reason: rule.description, details: { kind: alertCase.kind, about: subject } }, ctx.nowMs));
  if (rule.kind === 'report') {
    const reportId = `ctr_${ctx.customerKey}_${day}`;
    tx.create(contextRecord(AML_REPORT, reportId, { id: reportId, type: 'CTR', livemode: ctx.payment.livemode, customerKey: ctx.customerKey, day, totalUsdCents: facts.day_total_usd_cents, caseId, ruleVersion, atMs: ctx.nowMs }));
    tx.appendAudit(auditEntry({ actor, action: 'aml.report_filed', subject, reason: 'Daily total reached the reporting threshold.', details: { report: `${COMPLIANCE_COLLECTIONS.reports}/${reportId}` } }, ctx.nowMs));
  }
  return true;
}
