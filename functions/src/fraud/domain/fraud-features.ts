import { VELOCITY_WINDOWS, type FraudSignals, type VelocityKeyKind, type VelocityWindow } from './fraud-signals';
import { DEFAULT_HIGH_RISK_COUNTRIES, emailDomain, isDisposableEmailDomain } from './risk-reference-data';

/** count: a whole number of events; usd: US dollars (a risk measure, not money); ratio: a real number. */
export type FeatureKind = 'count' | 'usd' | 'ratio' | 'flag';

export interface Feature {
  name: string;
  value: number | boolean;
  explanation: string;
}

export const VELOCITY_FEATURE_KINDS = ['card', 'email', 'customer', 'ip'] as const satisfies readonly VelocityKeyKind[];
type VelocityFeatureKind = (typeof VELOCITY_FEATURE_KINDS)[number];

const WINDOW_WORDS: Record<VelocityWindow, string> = { '10m': '10 minutes', '1h': 'hour', '24h': '24 hours' };
const KEY_WORDS: Record<VelocityFeatureKind, string> = { card: 'card', email: 'e-mail address', customer: 'customer', ip: 'IP address' };

/** z-scores over a handful of payments are noise, so the merchant needs this much history first. */
export const MIN_PAYMENTS_FOR_ZSCORE = 20;

function buildCatalogue(): Readonly<Record<string, FeatureKind>> {
  const catalogue: Record<string, FeatureKind> = {};
  for (const key of VELOCITY_FEATURE_KINDS) {
    for (const window of VELOCITY_WINDOWS) {
      catalogue[`velocity_${key}_${window}`] = 'count';
      catalogue[`velocity_${key}_${window}_amount_usd`] = 'usd';
    }
  }
  Object.assign(catalogue, {
    declines_card_24h: 'count',
    amount_usd: 'usd',
    amount_zscore: 'ratio',
    first_customer_payment: 'flag',
    card_country_mismatch: 'flag',
    ip_country_mismatch: 'flag',
    cross_border: 'flag',
    high_risk_country: 'flag',
    disposable_email: 'flag',
    distinct_cards_ip_1h: 'count',
    distinct_cards_ip_24h: 'count',
    distinct_cards_device_1h: 'count',
    distinct_cards_device_24h: 'count',
    known_bad_card: 'flag',
    known_bad_email: 'flag',
    known_bad_ip: 'flag',
    reported_by_merchants: 'count',
  } satisfies Record<string, FeatureKind>);
  return Object.freeze(catalogue);
}

/** Every feature name with its kind; rules declare one CEL variable per entry. */
export const FEATURE_CATALOGUE = buildCatalogue();

export interface FeatureOptions {
  highRiskCountries?: ReadonlySet<string>;
}

function dollars(usdMinor: number): number {
  return usdMinor / 100;
}

function velocityFeatures(signals: FraudSignals, out: Feature[]): void {
  const { payment, history, amountUsdMinor } = signals;
  const present: Record<VelocityFeatureKind, boolean> = {
    card: true,
    email: Boolean(payment.customer.email),
    customer: Boolean(payment.customer.id),
    ip: Boolean(payment.customer.ip),
  };
  for (const key of VELOCITY_FEATURE_KINDS) {
    for (const window of VELOCITY_WINDOWS) {
      const prior = history.velocity[key]?.[window] ?? { count: 0, amountUsdMinor: 0 };
      // This payment is part of its own velocity, so an absent key scores zero rather than one.
      const count = present[key] ? prior.count + 1 : 0;
      const amount = present[key] ? dollars(prior.amountUsdMinor + amountUsdMinor) : 0;
      const where = `this ${KEY_WORDS[key]} in the last ${WINDOW_WORDS[window]}`;
      out.push(
        { name: `velocity_${key}_${window}`, value: count, explanation: present[key] ? `${count} payment(s) from ${where}, this one included` : `no ${KEY_WORDS[key]} given` },
        { name: `velocity_${key}_${window}_amount_usd`, value: amount, explanation: `USD ${amount.toFixed(2)} paid from ${where}` },
      );
    }
  }
}

function amountZscore(signals: FraudSignals): Feature {
  const stats = signals.history.merchantAmounts;
  if (stats.count < MIN_PAYMENTS_FOR_ZSCORE) {
    return { name: 'amount_zscore', value: 0, explanation: `merchant has ${stats.count} payments of history, ${MIN_PAYMENTS_FOR_ZSCORE} needed` };
  }
  const sd = Math.sqrt(stats.m2 / (stats.count - 1));
  const z = sd === 0 ? 0 : Math.round(((signals.amountUsdMinor - stats.mean) / sd) * 100) / 100;
  return { name: 'amount_zscore', value: z, explanation: `amount is ${z} standard deviations from this merchant's mean of USD ${dollars(stats.mean).toFixed(2)}` };
}

function geographyFeatures(signals: FraudSignals, highRisk: ReadonlySet<string>): Feature[] {
  const { card, customer } = signals.payment;
  const customerMismatch = Boolean(customer.country) && customer.country !== card.country;
  const ipMismatch = Boolean(customer.ip_country) && customer.ip_country !== card.country;
  const risky = [card.country, customer.country, customer.ip_country].filter((c): c is string => Boolean(c) && highRisk.has(c as string));
  const merchantCountry = signals.payment.merchantCountry;
  return [
    { name: 'card_country_mismatch', value: customerMismatch, explanation: `customer country ${customer.country ?? 'unknown'}, card country ${card.country}` },
    { name: 'ip_country_mismatch', value: ipMismatch, explanation: `IP country ${customer.ip_country ?? 'unknown'}, card country ${card.country}` },
    { name: 'cross_border', value: card.country !== merchantCountry, explanation: `card from ${card.country}, merchant in ${merchantCountry}` },
    { name: 'high_risk_country', value: risky.length > 0, explanation: risky.length ? `high-risk country involved: ${[...new Set(risky)].join(', ')}` : 'no high-risk country involved' },
  ];
}

/** Turns loaded signals into named, explained features; pure and cheap enough to run per payment. */
export function computeFeatures(signals: FraudSignals, options: FeatureOptions = {}): Feature[] {
  const { payment, history } = signals;
  const highRisk = options.highRiskCountries ?? DEFAULT_HIGH_RISK_COUNTRIES;
  const features: Feature[] = [];
  velocityFeatures(signals, features);
  const hasIp = Boolean(payment.customer.ip);
  const hasDevice = Boolean(payment.customer.device_id);
  const domain = emailDomain(payment.customer.email);
  const disposable = domain !== '' && isDisposableEmailDomain(domain);
  const cards = (prior: number, present: boolean) => (present ? prior + 1 : 0);
  features.push(
    { name: 'declines_card_24h', value: history.declinesCard24h, explanation: `${history.declinesCard24h} declined payment(s) on this card in 24 hours` },
    { name: 'amount_usd', value: dollars(signals.amountUsdMinor), explanation: `amount is USD ${dollars(signals.amountUsdMinor).toFixed(2)}` },
    amountZscore(signals),
    { name: 'first_customer_payment', value: !history.customerSeenBefore, explanation: history.customerSeenBefore ? 'customer has paid before' : 'first payment seen from this customer' },
    ...geographyFeatures(signals, highRisk),
    { name: 'disposable_email', value: disposable, explanation: disposable ? `${domain} is a disposable e-mail domain` : 'e-mail domain is not a known disposable one' },
    { name: 'distinct_cards_ip_1h', value: cards(history.distinctCards.ip1h, hasIp), explanation: `${cards(history.distinctCards.ip1h, hasIp)} distinct card(s) from this IP in the last hour` },
    { name: 'distinct_cards_ip_24h', value: cards(history.distinctCards.ip24h, hasIp), explanation: `${cards(history.distinctCards.ip24h, hasIp)} distinct card(s) from this IP in 24 hours` },
    { name: 'distinct_cards_device_1h', value: cards(history.distinctCards.device1h, hasDevice), explanation: `${cards(history.distinctCards.device1h, hasDevice)} distinct card(s) from this device in the last hour` },
    { name: 'distinct_cards_device_24h', value: cards(history.distinctCards.device24h, hasDevice), explanation: `${cards(history.distinctCards.device24h, hasDevice)} distinct card(s) from this device in 24 hours` },
    { name: 'known_bad_card', value: history.knownBad.card, explanation: history.knownBad.card ? 'card is on the block list' : 'card is not on the block list' },
    { name: 'known_bad_email', value: history.knownBad.email, explanation: history.knownBad.email ? 'e-mail is on the block list' : 'e-mail is not on the block list' },
    { name: 'known_bad_ip', value: history.knownBad.ip, explanation: history.knownBad.ip ? 'IP is on the block list' : 'IP is not on the block list' },
    reportedByMerchants(history.reportedByOtherMerchants),
  );
  return features;
}

/**
 * Other merchants' live fraud reports become a risk signal only once several agree: one merchant (or
 * a few colluding ones) cannot push a card, e-mail or IP onto everybody's block list.
 */
export const PLATFORM_REPORTS_AGREE = 3;

function reportedByMerchants(count: number): Feature {
  const value = count >= PLATFORM_REPORTS_AGREE ? count : 0;
  return { name: 'reported_by_merchants', value, explanation: value ? `${value} other merchants reported this card, e-mail or IP as fraud` : 'not reported by enough other merchants to count' };
}

export function featureMap(features: readonly Feature[]): Record<string, number | boolean> {
  const map: Record<string, number | boolean> = {};
  for (const feature of features) map[feature.name] = feature.value;
  return map;
}
