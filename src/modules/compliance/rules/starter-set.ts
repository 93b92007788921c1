import { STARTER_OFFICIAL_NAMES } from './official-names';
import { STARTER_ALLOWED, STARTER_WORDING_RULES } from './starter-rules';
import type { RuleSet } from './wording-check';

/** The shipped starter set as a rule set, for checking without a database (the CLI's fallback). */
export function starterRuleSet(agencyNames: readonly string[] = []): RuleSet {
  return {
    rules: [...STARTER_WORDING_RULES, ...STARTER_OFFICIAL_NAMES],
    allowed: STARTER_ALLOWED.map((a) => a.phrase),
    agencyNames,
  };
}
