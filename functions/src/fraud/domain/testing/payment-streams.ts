import { assessPayment, type Assessment } from '../assess-payment';
import type { CompiledRules } from '../fraud-rules';
import { buildFraudSignals, type FxTable, type PaymentUnderAssessment } from '../fraud-signals';
import { DEFAULT_RISK_MODEL, type RiskModelConfig } from '../risk-model';
import type { InMemoryFraudHistory } from '../../adapters/fraud-history.memory-counters';

/** Synthetic payment streams for scenario tests and the benchmark; seeded so every run is identical. */

export const TEST_FX: FxTable = { USD: 1, EUR: 1.08, GBP: 1.27, CAD: 0.73, JPY: 0.0066 };
export const MERCHANT_ID = 'm_shop';
export const MERCHANT_COUNTRY = 'US';

export interface TimedPayment {
  payment: PaymentUnderAssessment;
  atMs: number;
  /** The issuer declines it after authorisation (stolen or dead cards in card testing). */
  issuerDeclines?: boolean;
}

/** mulberry32: tiny, seedable and good enough to shape synthetic traffic. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const HOME_COUNTRIES: Array<[string, string, number]> = [
  ['US', 'USD', 0.72], ['CA', 'CAD', 0.08], ['GB', 'GBP', 0.08], ['DE', 'EUR', 0.06], ['FR', 'EUR', 0.06],
];

function pickCountry(random: () => number): [string, string] {
  let roll = random();
  for (const [country, currency, share] of HOME_COUNTRIES) {
    roll -= share;
    if (roll <= 0) return [country, currency];
  }
  return ['US', 'USD'];
}

/** Log-normal-ish basket sizes around 40 units of the customer's currency, in minor units. */
function basketMinor(random: () => number): number {
  const gaussian = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  return Math.max(100, Math.round(Math.exp(Math.log(4_000) + 0.6 * gaussian)));
}

/** Distinct customers, each paying once with their own card, e-mail, IP and device; 3 % are travelling. */
export function ordinaryPayments(count: number, seed: number, startMs: number, idPrefix = 'ord'): TimedPayment[] {
  const random = seededRandom(seed);
  const stream: TimedPayment[] = [];
  let atMs = startMs;
  for (let i = 0; i < count; i += 1) {
    const [country, currency] = pickCountry(random);
    const travelling = random() < 0.03;
    atMs += 1_000 + Math.floor(random() * 20_000);
    stream.push({
      atMs,
      payment: {
        paymentId: `${idPrefix}_${i}`,
        livemode: false,
        merchantId: MERCHANT_ID,
        merchantCountry: MERCHANT_COUNTRY,
        amountMinor: basketMinor(random),
        currency,
        card: { fingerprint: `fp_${idPrefix}_${i}`, country, brand: random() < 0.6 ? 'visa' : 'mastercard' },
        customer: {
          id: `cus_${idPrefix}_${i}`,
          email: `shopper${i}.${idPrefix}@${random() < 0.5 ? 'gmail.com' : 'outlook.com'}`,
          country,
          ip: `10.${i % 250}.${Math.floor(i / 250) % 250}.${1 + (i % 200)}`,
          ip_country: travelling ? 'ES' : country,
          device_id: `dev_${idPrefix}_${i}`,
        },
      },
    });
  }
  return stream;
}

/** One IP and device trying many stolen cards with tiny amounts; most are declined by the issuer. */
export function cardTestingAttack(count: number, startMs: number): TimedPayment[] {
  return Array.from({ length: count }, (_, i) => ({
    atMs: startMs + i * 7_000,
    issuerDeclines: i % 4 !== 0,
    payment: {
      paymentId: `ct_${i}`,
      livemode: false,
      merchantId: MERCHANT_ID,
      merchantCountry: MERCHANT_COUNTRY,
      amountMinor: 100 + (i % 5) * 50,
      currency: 'USD',
      card: { fingerprint: `fp_stolen_${i}`, country: 'US', brand: 'visa' },
      customer: { email: `buyer${i}@gmail.com`, country: 'US', ip: '203.0.113.9', ip_country: 'US', device_id: 'dev_attacker' },
    },
  }));
}

/** One card (and one returning customer) paying again and again within minutes. */
export function velocityBurst(count: number, startMs: number): TimedPayment[] {
  return Array.from({ length: count }, (_, i) => ({
    atMs: startMs + i * 25_000,
    payment: {
      paymentId: `burst_${i}`,
      livemode: false,
      merchantId: MERCHANT_ID,
      merchantCountry: MERCHANT_COUNTRY,
      amountMinor: 9_900,
      currency: 'USD',
      card: { fingerprint: 'fp_burst', country: 'US', brand: 'mastercard' },
      customer: { id: 'cus_burst', email: 'burst@outlook.com', country: 'US', ip: '198.51.100.20', ip_country: 'US', device_id: 'dev_burst' },
    },
  }));
}

/** Cards from one country, customers claiming another, connecting from a third (high-risk) one. */
export function geographyMismatches(count: number, startMs: number): TimedPayment[] {
  return Array.from({ length: count }, (_, i) => ({
    atMs: startMs + i * 600_000,
    payment: {
      paymentId: `geo_${i}`,
      livemode: false,
      merchantId: MERCHANT_ID,
      merchantCountry: MERCHANT_COUNTRY,
      amountMinor: 18_000 + i * 1_000,
      currency: 'USD',
      card: { fingerprint: `fp_geo_${i}`, country: 'US', brand: 'visa' },
      customer: { id: `cus_geo_${i}`, email: `geo${i}@gmail.com`, country: 'GB', ip: `192.0.2.${10 + i}`, ip_country: 'NG', device_id: `dev_geo_${i}` },
    },
  }));
}

export interface SimulatedAssessment {
  paymentId: string;
  assessment: Assessment;
}

/** Assess each payment against history so far, then record it (held and blocked attempts still count). */
export function simulate(history: InMemoryFraudHistory, stream: readonly TimedPayment[], rules: CompiledRules, model: RiskModelConfig = DEFAULT_RISK_MODEL): SimulatedAssessment[] {
  return stream.map(({ payment, atMs, issuerDeclines }) => {
    const built = buildFraudSignals(payment, history.historyFor(payment, atMs), TEST_FX);
    if (!built.ok) throw new Error(`test stream has an unpriced payment: ${built.message}`);
    const assessment = assessPayment(built.signals, model, rules);
    history.recordAttempt(payment, built.signals.amountUsdMinor, atMs);
    if (issuerDeclines && assessment.decision === 'allow') history.recordDecline(payment, atMs + 1_000);
    return { paymentId: payment.paymentId, assessment };
  });
}

export function decisionCounts(results: readonly SimulatedAssessment[]): Record<'allow' | 'review' | 'block', number> {
  const counts = { allow: 0, review: 0, block: 0 };
  for (const { assessment } of results) counts[assessment.decision] += 1;
  return counts;
}
