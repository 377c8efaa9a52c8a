import { RuleSetConflictError, type RuleSetRepository } from '../application/rule-set.repository';
import type { FraudRule, RuleSet } from '../domain/fraud-rules';

export class InMemoryRuleSetRepository implements RuleSetRepository {
  /** Every version ever written, keyed `${merchantId}@${version}`. */
  readonly versions = new Map<string, RuleSet>();
  private readonly heads = new Map<string, number>();

  async current(merchantId: string): Promise<RuleSet> {
    const version = this.heads.get(merchantId) ?? 0;
    return structuredClone(this.versions.get(`${merchantId}@${version}`) ?? { merchantId, version: 0, rules: [] });
  }

  async saveVersion(merchantId: string, expectedVersion: number, rules: FraudRule[]): Promise<RuleSet> {
    if ((this.heads.get(merchantId) ?? 0) !== expectedVersion) throw new RuleSetConflictError(`rule set of ${merchantId} moved on`);
    const next: RuleSet = { merchantId, version: expectedVersion + 1, rules: structuredClone(rules) };
    this.versions.set(`${merchantId}@${next.version}`, next);
    this.heads.set(merchantId, next.version);
    return structuredClone(next);
  }
}
