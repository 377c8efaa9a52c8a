import { SanctionsMatch } from './sanctions-matcher';

// Which payments the sanctions gate screens, and what a screening result means for the payment.

export const DEFAULT_MERCHANT_COUNTRY = 'US';

export interface ScreeningSubject {
  readonly customerName?: string;
  readonly customerCountry?: string;
  readonly merchantCountry: string;
}

export type ScreeningNeed =
  | { readonly screen: true; readonly name: string }
  | { readonly screen: false; readonly reason: 'domestic' | 'no_customer_name' };

/**
 * Only cross-border payments are screened. A payment whose customer country is unknown cannot be
 * shown to be domestic, so it is screened too (fail towards screening, not away from it).
 */
export function screeningNeed(subject: ScreeningSubject): ScreeningNeed {
  const name = subject.customerName?.trim();
  if (!name) return { screen: false, reason: 'no_customer_name' };
  if (subject.customerCountry && subject.customerCountry.toUpperCase() === subject.merchantCountry.toUpperCase()) return { screen: false, reason: 'domestic' };
  return { screen: true, name };
}

/** block: a strong hit stops the payment; review: a weak hit holds it for a compliance case; clear: nothing found. */
export type ScreeningDecision = 'block' | 'review' | 'clear';

export function decideScreening(matches: readonly SanctionsMatch[]): ScreeningDecision {
  if (matches.some((m) => m.strength === 'strong')) return 'block';
  return matches.length > 0 ? 'review' : 'clear';
}

/** What is kept of a match: enough to replay the decision against the recorded list version. */
export const matchRecord = (m: SanctionsMatch) => ({
  list: m.list,
  entityId: m.entityId,
  name: m.name,
  matchedName: m.matchedName,
  score: m.score,
  strength: m.strength,
  programs: [...m.programs],
});
