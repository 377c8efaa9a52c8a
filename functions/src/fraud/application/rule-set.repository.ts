import type { FraudRule, RuleSet } from '../domain/fraud-rules';

/** A change conflicted with another one made at the same time; the caller may retry. */
export class RuleSetConflictError extends Error {}

/**
 * Port: each merchant's rule set. Every change writes a new immutable version; the head names the
 * current one, so an assessment's recorded version can always be looked up again.
 */
export interface RuleSetRepository {
  /** The merchant's current rule set, version 0 with no rules when none was ever saved. */
  current(merchantId: string): Promise<RuleSet>;
  /** Writes `rules` as version `expectedVersion + 1`; throws RuleSetConflictError if the head moved. */
  saveVersion(merchantId: string, expectedVersion: number, rules: FraudRule[], atMs: number): Promise<RuleSet>;
}
