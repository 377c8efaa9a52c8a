import type { Assessment } from './assess-payment';
import type { CardSnapshot } from './fraud-signals';

/**
 * Test mode must be predictable, as Stripe's test cards are: the documented everyday cards approve
 * however often any merchant uses them, and outcomes come from cards that ask for them. Only a
 * test-mode payment ever honours the sandbox's hint; a live payment is scored on its merits alone.
 */
export type TestCardRisk = NonNullable<CardSnapshot['testRisk']>;

export function testCardRiskOf(card: CardSnapshot, livemode: boolean): TestCardRisk | undefined {
  return livemode ? undefined : card.testRisk;
}

/** The shared everyday test cards carry no history: counting them would make every merchant's tests flaky. */
export const scoresWithoutHistory = (risk: TestCardRisk | undefined): boolean => risk === 'generic';

/** A risk test card decides the outcome it names; everything else about the assessment stays on record. */
export function applyTestCardRisk(assessment: Assessment, risk: TestCardRisk | undefined): Assessment {
  if (risk !== 'risk_highest' && risk !== 'risk_elevated') return assessment;
  const highest = risk === 'risk_highest';
  const decidedBy = {
    ruleId: `sandbox_${risk}`,
    action: highest ? ('block' as const) : ('review' as const),
    source: 'platform' as const,
    ruleVersion: 'sandbox@1',
    description: highest ? 'test card pm_card_risk_highest asks for a block' : 'test card pm_card_risk_elevated asks for a review',
  };
  return {
    ...assessment,
    decision: decidedBy.action,
    score: Math.max(assessment.score, highest ? 95 : 70),
    level: highest ? 'highest' : 'elevated',
    reasons: [decidedBy.ruleId, ...assessment.reasons],
    matchedRules: [decidedBy, ...assessment.matchedRules],
    decidedBy,
  };
}
