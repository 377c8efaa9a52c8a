import { SanctionsMatch } from './sanctions-matcher';

// Which payments the sanctions gate screens, and what a screening result means for the payment.

export interface ScreeningSubject {
  readonly customerName?: string;
  readonly customerCountry?: string;
  /** The issuing country of the card, when the processor knows the token. */
  readonly cardCountry?: string | null;
  /** The country the customer's IP address is registered in, when known. */
  readonly ipCountry?: string | null;
  readonly merchantCountry: string;
}

export type ScreeningNeed =
  | { readonly screen: true; readonly name: string }
  | { readonly screen: false; readonly reason: 'domestic' | 'no_customer_name' };

/**
 * A payment is cross-border when any country it touches (declared customer country, card country,
 * IP country) differs from the merchant's. A payment whose customer country is not declared cannot
 * be shown to be domestic, so it counts as cross-border (fail towards screening, not away from it);
 * a declared domestic country does not hide a foreign card or IP.
 */
export function isCrossBorder(subject: ScreeningSubject): boolean {
  const home = subject.merchantCountry.toUpperCase();
  if (!subject.customerCountry) return true;
  return [subject.customerCountry, subject.cardCountry, subject.ipCountry].some((c) => !!c && c.toUpperCase() !== home);
}

/** Whether the customer name is screened: cross-border payments with a name. */
export function screeningNeed(subject: ScreeningSubject): ScreeningNeed {
  const name = subject.customerName?.trim();
  if (!isCrossBorder(subject)) return { screen: false, reason: 'domestic' };
  if (!name) return { screen: false, reason: 'no_customer_name' };
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
