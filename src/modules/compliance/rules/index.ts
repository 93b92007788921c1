// 错敏词 rules as data (issue 5): the dictionary service, the check, import/export and the pure core.

export { CONFUSION_PAIRS, type ConfusionPair } from './confusion-table';
export { type NameVariant, nearMissVariants } from './near-miss';
export { STARTER_OFFICIAL_NAMES } from './official-names';
export {
  deleteAllowed,
  deleteRule,
  getRule,
  listAllowed,
  listRules,
  listRuleVersions,
  type RuleFilter,
  saveAllowed,
  saveRule,
  setRuleEnabled,
  type WordingVersion,
} from './rule.service';
export { ruleInputFromForm } from './rule-input';
export { currentWordingVersion } from './rule-store';
export { exportRules, importRules, type TransferFormat } from './rule-transfer';
export { STARTER_ALLOWED, STARTER_WORDING_RULES } from './starter-rules';
export { starterRuleSet } from './starter-set';
export { checkWording } from './wording.service';
export {
  type AllowedPhrase,
  type RuleContext,
  ruleTypeLabels,
  severityLabels,
  WORDING_RULE_TYPES,
  type WordingFinding,
  type WordingRule,
  type WordingRuleType,
  type WordingSeverity,
} from './wording.types';
export { checkWordingWith, type RuleSet } from './wording-check';
