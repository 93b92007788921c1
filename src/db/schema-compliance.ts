// Row shapes of the 错敏词 dictionary tables (migration 0010). JSON columns are text, parsed on read.

export type WordingRuleType = 'sensitive' | 'wrong_right' | 'official_name' | 'outdated' | 'context';
export type WordingSeverity = 'veto' | 'ordinary'; // 严重表述错误（单项否决） / 一般差错

export interface WordingRuleTable {
  id: string;
  type: WordingRuleType;
  term: string;
  suggestion: string | null;
  severity: WordingSeverity;
  explanation: string;
  basis: string;
  source: string;
  tags: string; // JSON string[]
  valid_from: string | null; // YYYY-MM-DD inclusive
  valid_to: string | null; // YYYY-MM-DD inclusive
  context: string | null; // JSON {before?, after?, window?}
  options: string; // JSON {skipNoise?, foldRepeats?}
  enabled: number;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface WordingAllowTable {
  id: string;
  phrase: string;
  note: string;
  created_at: string;
}

export interface WordingRuleVersionTable {
  version: number;
  changed_at: string;
  changed_by: string;
  summary: string;
}

export interface ComplianceTables {
  wording_rules: WordingRuleTable;
  wording_allow: WordingAllowTable;
  wording_rule_versions: WordingRuleVersionTable;
}
