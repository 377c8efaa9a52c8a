import type { CardLookup } from '../application/card-lookup.gateway';
import type { CardSnapshot } from '../domain/fraud-signals';

const SCENARIO_TOKENS: ReadonlySet<string> = new Set(['pm_card_declined', 'pm_card_insufficient_funds', 'pm_card_timeout_once', 'pm_card_processor_error']);

/** Tokens name their card in tests: pm_card_<brand>_<country>_<suffix>, each token its own card. */
export class InMemoryCardLookup implements CardLookup {
  readonly lookups: string[] = [];
  failNext = 0;

  async lookup(token: string): Promise<CardSnapshot | null> {
    this.lookups.push(token);
    if (this.failNext > 0) {
      this.failNext -= 1;
      throw new Error('card lookup unavailable');
    }
    // The sandbox processor's vocabulary: risk tokens, and everyday cards (no suffix) flagged generic.
    if (token === 'pm_card_risk_highest' || token === 'pm_card_risk_elevated') {
      return { fingerprint: `fp_${token}`, brand: 'visa', country: 'US', testRisk: token === 'pm_card_risk_highest' ? 'risk_highest' : 'risk_elevated' };
    }
    // The other scenario tokens (pm_card_declined, …) are shared by every test merchant: generic as well.
    if (SCENARIO_TOKENS.has(token)) return { fingerprint: `fp_${token}`, brand: 'visa', country: 'US', testRisk: 'generic' };
    const match = /^pm_card_(visa|mastercard|amex)(?:_([a-z]{2}))?(?:_([a-z0-9]+))?$/.exec(token);
    if (!match) return null;
    const card: CardSnapshot = { fingerprint: `fp_${token}`, brand: match[1], country: (match[2] ?? 'us').toUpperCase() };
    return match[3] === undefined ? { ...card, testRisk: 'generic' } : card;
  }
}
