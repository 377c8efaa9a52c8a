import { compileRules, type CompiledRules, type RuleSet } from '../domain/fraud-rules';
import { PLATFORM_DEFAULT_RULES } from '../domain/platform-default-rules';
import type { Clock } from '../../shared/clock';
import type { RuleSetRepository } from './rule-set.repository';

function compileOrThrow(platform: RuleSet, merchant?: RuleSet): CompiledRules {
  const compiled = compileRules(platform, merchant);
  if (!compiled.ok) throw new Error(`rule ${compiled.ruleId} (${compiled.source}) does not compile: ${compiled.message}`);
  return compiled.rules;
}

/**
 * Compiled rules per merchant, kept briefly per instance: parsing CEL on every payment would cost more
 * than scoring, and a rule change reaching every instance within the TTL is soon enough.
 */
export class MerchantRuleBook {
  private readonly cache = new Map<string, { rules: CompiledRules; expiresMs: number }>();
  private readonly platformOnly: CompiledRules;

  constructor(
    private readonly repository: RuleSetRepository,
    private readonly clock: Clock,
    private readonly ttlMs = 30_000,
    private readonly platform: RuleSet = PLATFORM_DEFAULT_RULES,
  ) {
    this.platformOnly = compileOrThrow(platform);
  }

  /** `owner` is a merchant in one mode (`ruleSetOwner`). */
  async rulesFor(merchantId: string): Promise<CompiledRules> {
    const nowMs = this.clock.nowMs();
    const cached = this.cache.get(merchantId);
    if (cached && cached.expiresMs > nowMs) return cached.rules;
    const ruleSet = await this.repository.current(merchantId);
    const compiled = ruleSet.version === 0 ? { ok: true as const, rules: this.platformOnly } : compileRules(this.platform, ruleSet);
    // Rules are validated when saved, so this only fails if the rule language changed underneath a
    // stored rule; platform rules still protect the payment rather than failing every payment.
    const rules = compiled.ok ? compiled.rules : this.platformOnly;
    this.cache.set(merchantId, { rules, expiresMs: nowMs + this.ttlMs });
    return rules;
  }

  /** Drops this instance's copy after a change made through it, so its own next payment sees the change. */
  forget(merchantId: string): void {
    this.cache.delete(merchantId);
  }
}
