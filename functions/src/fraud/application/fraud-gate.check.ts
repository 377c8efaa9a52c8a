import type { GateCheck, GateVerdict } from '../../payments/application/payment-gates';
import { contextRecord } from '../../shared/context-record';
import { RISK_ASSESSMENT, RiskAssessmentRecord } from './risk-assessment.record';
import type { Payment } from '../../payments/domain/payment';
import { assessPayment, type Assessment } from '../domain/assess-payment';
import { emptyHistory, toUsdMinor, type FxTable, type PaymentUnderAssessment } from '../domain/fraud-signals';
import { ruleSetOwner } from '../domain/fraud-rules';
import { applyTestCardRisk, scoresWithoutHistory, testCardRiskOf } from '../domain/test-card-risk';
import { DEFAULT_RISK_MODEL, type RiskModelConfig } from '../domain/risk-model';
import type { CardLookup } from './card-lookup.gateway';
import type { IpGeolocation } from './ip-geolocation';
import type { FraudHistoryStore } from './fraud-history.store';
import type { MerchantRuleBook } from './merchant-rule-book';
import { REFERENCE_FX_TABLE } from '../../shared/reference-fx-rates';
import { countryOfBusiness, type MerchantCountries } from '../../merchants/application/merchant-countries.query';

export const FRAUD_GATE = 'fraud';

export interface FraudGateDeps {
  cards: CardLookup;
  history: FraudHistoryStore;
  rules: MerchantRuleBook;
  model?: RiskModelConfig;
  fx?: FxTable;
  /** Where the customer's IP is; without it ip_country stays unknown (rules see ""). */
  geo?: IpGeolocation;
  /** The merchant's country of business (the merchant document), for the cross-border feature. */
  merchants: MerchantCountries;
}

export function toAssessed(payment: Payment, card: PaymentUnderAssessment['card'], merchantCountry: string, geo?: IpGeolocation): PaymentUnderAssessment {
  const customer = payment.customer ?? {};
  return {
    paymentId: payment.id,
    merchantId: payment.merchantId,
    livemode: payment.livemode,
    merchantCountry,
    amountMinor: payment.amount,
    currency: payment.currency.toUpperCase(),
    card: { ...card, country: card.country.toUpperCase() },
    customer: {
      email: customer.email,
      country: customer.country,
      ip: customer.ip,
      ip_country: (customer.ip && geo?.countryOf(customer.ip)) || undefined,
      device_id: customer.device_id,
    },
  };
}

/** The assessment document: everything needed to explain the decision later. */
export function assessmentRecord(payment: Payment, assessment: Assessment): RiskAssessmentRecord {
  return {
    paymentId: payment.id,
    merchantId: payment.merchantId,
    livemode: payment.livemode,
    score: assessment.score,
    level: assessment.level,
    decision: assessment.decision,
    reasons: assessment.reasons,
    features: assessment.features,
    contributions: assessment.contributions,
    matchedRules: assessment.matchedRules,
    decidedBy: assessment.decidedBy ?? null,
    ruleErrors: assessment.ruleErrors,
    ruleVersion: assessment.ruleVersion,
    modelVersion: assessment.modelVersion,
    assessedForMs: payment.createdMs,
  };
}

const review = (message: string): GateVerdict => ({ decision: 'review', message });

/**
 * The fraud gate's check. Counting this payment happens before the verdict commits and outside the
 * payment transaction; the history it was scored with is stored with the count, so a redelivered task
 * scores from the same history and reaches the same decision: scored once, counted once.
 */
export function fraudGateCheck(deps: FraudGateDeps): GateCheck {
  const model = deps.model ?? DEFAULT_RISK_MODEL;
  const fx = deps.fx ?? REFERENCE_FX_TABLE;
  return {
    name: FRAUD_GATE,
    async check(payment: Payment): Promise<GateVerdict> {
      // Both reads are independent: the merchant's country is usually cached on the instance.
      // Independent reads, side by side: the merchant's country and rules are usually cached on the instance.
      const [card, merchantCountry, rules] = await Promise.all([
        deps.cards.lookup(payment.paymentMethod, payment.livemode),
        countryOfBusiness(deps.merchants, payment.merchantId),
        deps.rules.rulesFor(ruleSetOwner(payment)),
      ]);
      // An unknown token cannot be charged: the processor refuses it at authorisation.
      if (!card) return { decision: 'pass' };
      const subject = toAssessed(payment, card, merchantCountry, deps.geo);
      const usd = toUsdMinor(subject.amountMinor, subject.currency, fx);
      if (typeof usd !== 'number') return review(`fraud screening could not size the amount: ${usd.message}`);
      const atMs = payment.createdMs;
      const testRisk = testCardRiskOf(card, payment.livemode);
      let history = emptyHistory();
      if (!scoresWithoutHistory(testRisk)) {
        const loaded = await deps.history.load(subject, atMs);
        // A redelivered task finds its payment counted already: nothing is counted or written twice.
        history = loaded.alreadyCounted ? loaded.history : await deps.history.recordAttempt(subject, usd, atMs, loaded.history);
      }
      const assessment = applyTestCardRisk(assessPayment({ payment: subject, amountUsdMinor: usd, history }, model, rules), testRisk);
      const risk = { score: assessment.score, level: assessment.level, decision: assessment.decision, reasons: assessment.reasons };
      const common = {
        records: [contextRecord(RISK_ASSESSMENT, payment.id, assessmentRecord(payment, assessment))],
        risk,
      };
      if (assessment.decision === 'allow') return { decision: 'pass', ...common };
      if (assessment.decision === 'review') return { decision: 'review', ...common };
      return { decision: 'block', code: 'fraud_blocked', message: 'The payment was blocked by fraud screening.', ...common };
    },
  };
}
