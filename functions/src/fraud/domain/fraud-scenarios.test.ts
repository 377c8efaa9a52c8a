import { compileRules, type CompiledRules } from './fraud-rules';
import { PLATFORM_DEFAULT_RULES } from './platform-default-rules';
import { InMemoryFraudHistory } from '../adapters/fraud-history.memory-counters';
import {
  cardTestingAttack,
  decisionCounts,
  geographyMismatches,
  ordinaryPayments,
  simulate,
  velocityBurst,
  type SimulatedAssessment,
} from './testing/payment-streams';


const START = Date.UTC(2025, 0, 6, 9, 0, 0);
const HOUR = 3_600_000;

function platformOnly(): CompiledRules {
  const compiled = compileRules(PLATFORM_DEFAULT_RULES);
  if (!compiled.ok) throw new Error(compiled.message);
  return compiled.rules;
}

/** A merchant with a day of ordinary trade behind it, so z-scores and history look like production. */
function warmedUpHistory(rules: CompiledRules): InMemoryFraudHistory {
  const history = new InMemoryFraudHistory();
  simulate(history, ordinaryPayments(150, 7, START - 20 * HOUR, 'warm'), rules);
  return history;
}

function report(name: string, results: readonly SimulatedAssessment[]): Record<string, number> {
  const counts = decisionCounts(results);
  console.log(`${name}: ${results.length} payments -> ${JSON.stringify(counts)}`);
  return counts;
}

const held = (r: SimulatedAssessment) => r.assessment.decision !== 'allow';

describe('fraud scenarios over an in-memory history', () => {
  const rules = platformOnly();

  it('holds a card-testing attack from one IP once a handful of cards have been tried', () => {
    // given a merchant with ordinary history
    const history = warmedUpHistory(rules);
    // when one IP tries 40 different cards with tiny amounts
    const results = simulate(history, cardTestingAttack(40, START), rules);
    // then after the first few probes nearly everything is held, mostly blocked, citing card testing
    const counts = report('card testing', results);
    const afterProbe = results.slice(6);
    expect(afterProbe.every(held)).toBe(true);
    expect(counts.block).toBeGreaterThanOrEqual(30);
    expect(afterProbe[0].assessment.reasons).toContain('distinct_cards_ip_1h');
  });

  it('holds a velocity burst on one card and ends up blocking it', () => {
    // given a merchant with ordinary history
    const history = warmedUpHistory(rules);
    // when the same card pays 20 times in about eight minutes
    const results = simulate(history, velocityBurst(20, START), rules);
    // then the first payments pass, later ones are held and the burst finishes blocked
    const counts = report('velocity burst', results);
    expect(results.slice(0, 3).every((r) => r.assessment.decision === 'allow')).toBe(true);
    expect(results.slice(8).every(held)).toBe(true);
    expect(results[results.length - 1].assessment.decision).toBe('block');
    expect(results[results.length - 1].assessment.reasons).toContain('velocity_card_10m');
    expect(counts.block).toBeGreaterThan(0);
  });

  it('sends a geography mismatch to review or block with the mismatch as a reason', () => {
    // given a merchant with ordinary history
    const history = warmedUpHistory(rules);
    // when cards from the US are used by "British" customers connecting from a high-risk country
    const results = simulate(history, geographyMismatches(10, START), rules);
    // then every one of them is held and explained
    report('geography mismatch', results);
    expect(results.every(held)).toBe(true);
    for (const { assessment } of results) expect(assessment.reasons).toEqual(expect.arrayContaining(['ip_country_mismatch', 'high_risk_country']));
  });

  it('keeps ordinary payments from distinct customers under a 2 % review-or-block rate', () => {
    // given a merchant with ordinary history
    const history = warmedUpHistory(rules);
    // when 1200 ordinary customers pay once each
    const results = simulate(history, ordinaryPayments(1200, 42, START), rules);
    // then fewer than 2 % are held
    const counts = report('ordinary stream', results);
    expect((counts.review + counts.block) / results.length).toBeLessThan(0.02);
  });
});
