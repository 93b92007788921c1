import type { CompiledDictionary, DictionaryEntry, WordingMatch } from '../matcher';
import { compileDictionary, findAll } from '../matcher';
import { nearMissVariants } from './near-miss';
import type { RuleContext, WordingFinding, WordingRule } from './wording.types';

// The pure core of the 错敏词 check (compliance.md §5.2): rules, allowed phrases and canonical names
// become one dictionary scanned in one pass; hits are then filtered by validity date, context words,
// allowed spans and canonical spans, and deduplicated. No I/O: the service adds loading and caching.

/** What a check needs: the enabled rules, the allowed phrases and the district's agency names. */
export interface RuleSet {
  rules: readonly WordingRule[];
  allowed: readonly string[];
  agencyNames: readonly string[];
}

/** One dictionary line and what a hit on it means. */
interface TermRecord {
  role: 'rule' | 'variant' | 'canonical' | 'allow';
  term: string;
  rule?: WordingRule;
  edit?: string;
}

export interface CompiledRuleSet {
  compiled: CompiledDictionary;
  terms: readonly TermRecord[];
}

const DEFAULT_WINDOW = 2;

/** A district agency name as an official-name rule. */
export function agencyNameRule(name: string): WordingRule {
  return {
    id: `agency:${name}`,
    type: 'official_name',
    term: name,
    suggestion: name,
    severity: 'veto',
    explanation: '本区机构名称写错',
    basis: '机构管理中登记的机构全称',
    source: '本系统机构管理（agencies 表）',
    tags: ['规范名称', '本区机构'],
    validFrom: null,
    validTo: null,
    context: null,
    options: {},
    enabled: true,
  };
}

/** Every dictionary line of a rule set, in a fixed order (the cache key depends on it). */
export function ruleSetTerms(set: RuleSet): TermRecord[] {
  const rules = set.rules.filter((r) => r.enabled);
  const officialNames = [
    ...rules.filter((r) => r.type === 'official_name'),
    ...set.agencyNames.filter((n) => Array.from(n).length >= 3).map(agencyNameRule),
  ];
  const canonical = new Set(officialNames.map((r) => r.term));
  const terms: TermRecord[] = [];
  for (const rule of rules)
    if (rule.type !== 'official_name') terms.push({ role: 'rule', term: rule.term, rule });
  for (const rule of officialNames) {
    terms.push({ role: 'canonical', term: rule.term });
    for (const v of nearMissVariants(rule.term))
      if (!canonical.has(v.term)) terms.push({ role: 'variant', term: v.term, rule, edit: v.edit });
  }
  for (const phrase of set.allowed) terms.push({ role: 'allow', term: phrase });
  return terms;
}

/** The matcher entries of the terms: id = index into the term list. */
export function termEntries(terms: readonly TermRecord[]): DictionaryEntry[] {
  return terms.map((t, i) => ({
    id: String(i),
    term: t.term,
    ...(t.role === 'rule' && Object.keys(t.rule?.options ?? {}).length > 0
      ? { options: t.rule?.options }
      : {}),
  }));
}

/** Compiles a rule set without a cache (tests, the CLI without a database). */
export function compileRuleSet(set: RuleSet): CompiledRuleSet {
  const terms = ruleSetTerms(set);
  return { compiled: compileDictionary(termEntries(terms)), terms };
}

/** Whether a rule applies on a day (YYYY-MM-DD): valid_from and valid_to are inclusive. */
export function ruleValidOn(rule: Pick<WordingRule, 'validFrom' | 'validTo'>, on: string): boolean {
  return (rule.validFrom === null || on >= rule.validFrom) && (rule.validTo === null || on <= rule.validTo);
}

/** Whether a context word sits within the window before or after the span (context rules). */
export function contextHolds(context: RuleContext | null, text: string, start: number, end: number): boolean {
  const before = context?.before ?? [];
  const after = context?.after ?? [];
  if (before.length === 0 && after.length === 0) return true;
  const window = context?.window ?? DEFAULT_WINDOW;
  const nearBefore = before.some((w) =>
    text.slice(Math.max(0, start - window - w.length), start).includes(w),
  );
  const nearAfter = after.some((w) => text.slice(end, end + window + w.length).includes(w));
  return nearBefore || nearAfter;
}

function covered(match: WordingMatch, spans: readonly WordingMatch[]): boolean {
  return spans.some((s) => s.start <= match.start && s.end >= match.end);
}

function findingOf(record: TermRecord, rule: WordingRule, m: WordingMatch): WordingFinding {
  const suggestion = rule.suggestion ?? undefined;
  const explanation =
    record.role === 'variant'
      ? `疑似“${rule.term}”的误写：${record.edit}。${rule.explanation}`
      : rule.explanation;
  return {
    kind: 'wording',
    type: rule.type,
    ruleId: rule.id,
    severity: rule.severity,
    start: m.start,
    end: m.end,
    text: m.text,
    ...(suggestion ? { suggestion } : {}),
    explanation,
    basis: rule.basis,
  };
}

// One finding per span and suggestion: an explicit rule wins over a generated near miss.
function dedupe(findings: WordingFinding[]): WordingFinding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.start}:${f.end}:${f.suggestion ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The findings in text on a day, sorted by start then end. */
export function checkCompiled(set: CompiledRuleSet, text: string, on: string): WordingFinding[] {
  const matches = findAll(set.compiled, text);
  const roleOf = (m: WordingMatch) => set.terms[Number(m.id)] as TermRecord;
  const allowed = matches.filter((m) => roleOf(m).role === 'allow');
  const canonical = matches.filter((m) => roleOf(m).role === 'canonical');
  const candidates: { finding: WordingFinding; rank: number }[] = [];
  for (const m of matches) {
    const record = roleOf(m);
    const rule = record.rule;
    if (!rule || !ruleValidOn(rule, on) || covered(m, allowed)) continue;
    if (record.role === 'variant' && covered(m, canonical)) continue;
    if (record.role === 'rule' && !contextHolds(rule.context, text, m.start, m.end)) continue;
    candidates.push({ finding: findingOf(record, rule, m), rank: record.role === 'rule' ? 0 : 1 });
  }
  candidates.sort(
    (a, b) => a.finding.start - b.finding.start || a.finding.end - b.finding.end || a.rank - b.rank,
  );
  return dedupe(candidates.map((c) => c.finding));
}

/** Convenience: compile and check in one go (tests; the CLI's starter set without a database). */
export function checkWordingWith(set: RuleSet, text: string, on: string): WordingFinding[] {
  return checkCompiled(compileRuleSet(set), text, on);
}
