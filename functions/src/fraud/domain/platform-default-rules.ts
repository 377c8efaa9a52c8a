import type { RuleSet } from './fraud-rules';

/** Applied before every merchant's rules; bump the version whenever a rule changes so assessments stay traceable. */
export const PLATFORM_DEFAULT_RULES: RuleSet = {
  merchantId: 'platform',
  version: 1,
  rules: [
    { id: 'platform_known_bad_card', expression: 'known_bad_card', action: 'block', description: 'card is on the block list' },
    { id: 'platform_score_block', expression: 'score >= 85', action: 'block', description: 'risk score in the top band' },
    { id: 'platform_score_review', expression: 'score >= 65', action: 'review', description: 'risk score high enough for a person to look' },
  ],
};
