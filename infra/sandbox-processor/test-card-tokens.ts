import { createHash } from 'node:crypto';

/** Card details the sandbox derives from a test token; no card numbers exist anywhere. */
export interface CardDetails {
  brand: CardBrand;
  last4: string;
  country: string;
  fingerprint: string;
}

export type CardBrand = 'visa' | 'mastercard' | 'amex';

export type DeclineCode = 'card_declined' | 'insufficient_funds';

/** How the sandbox treats an authorisation made with a token. */
export type TokenBehaviour =
  | { kind: 'approve' }
  | { kind: 'decline'; declineCode: DeclineCode }
  | { kind: 'timeout_once' }
  | { kind: 'processor_error' };

/**
 * What the sandbox tells a test-mode fraud screen about a token (a live processor never says this):
 * `generic` for the documented everyday cards, shared by every test merchant, which must approve
 * however often they are used; `risk_highest` / `risk_elevated` for the tokens that ask for a block
 * or a review, as Stripe's radar test cards do.
 */
export type TestRisk = 'generic' | 'risk_highest' | 'risk_elevated';

export interface TestCard {
  token: string;
  card: CardDetails;
  behaviour: TokenBehaviour;
  testRisk?: TestRisk;
}

// The catalogues below are plain objects: a token such as `constructor` or `toString` must not find
// Object.prototype's members in them, so every lookup goes through ownValue.
const ownValue = <T>(table: Record<string, T>, token: string): T | undefined => (Object.hasOwn(table, token) ? table[token] : undefined);

// Tokens whose name is a scenario rather than a card description; they are all US Visa cards.
const SCENARIO_TOKENS: Record<string, TokenBehaviour> = {
  pm_card_declined: { kind: 'decline', declineCode: 'card_declined' },
  pm_card_insufficient_funds: { kind: 'decline', declineCode: 'insufficient_funds' },
  pm_card_timeout_once: { kind: 'timeout_once' },
  pm_card_processor_error: { kind: 'processor_error' },
  pm_card_risk_highest: { kind: 'approve' },
  pm_card_risk_elevated: { kind: 'approve' },
  pm_card_recon_dropped: { kind: 'approve' },
  pm_card_recon_amount_mismatch: { kind: 'approve' },
  pm_card_dispute_fraudulent: { kind: 'approve' },
  pm_card_dispute_product_not_received: { kind: 'approve' },
  pm_card_dispute_inquiry: { kind: 'approve' },
};

/**
 * What the daily settlement report does wrong for a payment made with the token, so a test can prove
 * reconciliation finds it: `dropped` leaves the capture out of the report (its deposit too, as the
 * deposit pays what the report nets); `amount_mismatch` reports the capture's gross one minor unit high.
 */
export type ReconScenario = 'dropped' | 'amount_mismatch';
const RECON_SCENARIOS: Record<string, ReconScenario> = { pm_card_recon_dropped: 'dropped', pm_card_recon_amount_mismatch: 'amount_mismatch' };
export const reconScenarioOf = (token: string): ReconScenario | undefined => ownValue(RECON_SCENARIOS, token);

/** What the cardholder does after the capture of a payment made with the token: a chargeback, or an inquiry (a warning, no money moves). */
export interface DisputeScenario {
  kind: 'chargeback' | 'inquiry';
  reason: 'fraudulent' | 'product_not_received';
}
const DISPUTE_SCENARIOS: Record<string, DisputeScenario> = {
  pm_card_dispute_fraudulent: { kind: 'chargeback', reason: 'fraudulent' },
  pm_card_dispute_product_not_received: { kind: 'chargeback', reason: 'product_not_received' },
  pm_card_dispute_inquiry: { kind: 'inquiry', reason: 'fraudulent' },
};
export const disputeScenarioOf = (token: string): DisputeScenario | undefined => ownValue(DISPUTE_SCENARIOS, token);

// The other scenario tokens are shared by every test merchant too: pm_card_declined must keep answering
// card_declined however often it is used, not turn fraud_blocked once its declines pile up.
const SCENARIO_RISK: Record<string, TestRisk> = { pm_card_risk_highest: 'risk_highest', pm_card_risk_elevated: 'risk_elevated' };
const scenarioRisk = (token: string): TestRisk => ownValue(SCENARIO_RISK, token) ?? 'generic';

// pm_card_<brand>[_<cc>][_<suffix>]: a two-letter segment right after the brand is the country,
// anything else is a free suffix that only makes the card distinct.
const GENERAL_TOKEN = /^pm_card_(visa|mastercard|amex)(?:_([a-z]{2}))?(?:_([a-z0-9]+))?$/;

const DEFAULT_COUNTRY = 'us';

/** Resolves a test token to its card and behaviour, or undefined when the sandbox does not know it. */
export function resolveTestToken(token: string): TestCard | undefined {
  const scenario = ownValue(SCENARIO_TOKENS, token);
  if (scenario !== undefined) {
    return { token, card: deriveCard(token, 'visa', DEFAULT_COUNTRY), behaviour: scenario, testRisk: scenarioRisk(token) };
  }
  const match = GENERAL_TOKEN.exec(token);
  if (match === null) return undefined;
  const brand = match[1] as CardBrand;
  const country = match[2] ?? DEFAULT_COUNTRY;
  // No suffix: one of the documented everyday cards (pm_card_visa, pm_card_mastercard_gb, …).
  return { token, card: deriveCard(token, brand, country), behaviour: { kind: 'approve' }, testRisk: match[3] === undefined ? 'generic' : undefined };
}

function deriveCard(token: string, brand: CardBrand, country: string): CardDetails {
  // Hashing the whole token keeps cards stable across restarts and distinct per suffix,
  // which is what fraud tests rely on to tell "same card" from "different card".
  const digest = createHash('sha256').update(token).digest('hex');
  const fingerprint = digest.slice(0, 16);
  const last4 = String(parseInt(digest.slice(16, 24), 16) % 10000).padStart(4, '0');
  return { brand, last4, country, fingerprint };
}
