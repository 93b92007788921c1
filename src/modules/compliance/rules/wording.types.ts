import type { WordingRuleType, WordingSeverity } from '../../../db/schema-compliance';

export type { WordingRuleType, WordingSeverity };

export const WORDING_RULE_TYPES: readonly WordingRuleType[] = [
  'sensitive',
  'wrong_right',
  'official_name',
  'outdated',
  'context',
];

export const ruleTypeLabels: Record<WordingRuleType, string> = {
  sensitive: '敏感词',
  wrong_right: '错别字/错误表述',
  official_name: '规范名称',
  outdated: '过时或不规范表述',
  context: '语境规则',
};

export const severityLabels: Record<WordingSeverity, string> = {
  veto: '严重表述错误（单项否决）',
  ordinary: '一般差错',
};

/** Words next to the term that make it wrong (context rules): within `window` characters. */
export interface RuleContext {
  before?: string[];
  after?: string[];
  window?: number;
}

export interface RuleOptions {
  skipNoise?: number;
  foldRepeats?: boolean;
}

/** One dictionary rule as the module sees it (JSON columns parsed, flags as booleans). */
export interface WordingRule {
  id: string;
  type: WordingRuleType;
  term: string;
  suggestion: string | null;
  severity: WordingSeverity;
  explanation: string;
  basis: string;
  source: string;
  tags: string[];
  validFrom: string | null;
  validTo: string | null;
  context: RuleContext | null;
  options: RuleOptions;
  enabled: boolean;
}

/** An allowed phrase: a hit inside it is not reported (compliance.md §3.5 item 4). */
export interface AllowedPhrase {
  id: string;
  phrase: string;
  note: string;
}

/** A 错敏词 finding, spans in UTF-16 offsets of the checked text ([start, end)). */
export interface WordingFinding {
  kind: 'wording';
  type: WordingRuleType;
  ruleId: string;
  severity: WordingSeverity;
  start: number;
  end: number;
  text: string;
  suggestion?: string;
  explanation: string;
  basis: string;
}
