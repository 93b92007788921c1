import type { ScopedFinding } from './finding';
import { deductionIndicators, indicatorRank, vetoIndicators } from './indicators';
import type { Thresholds } from './rules';

// Scoring against 19号 (portal-standards.md §5.1): any veto item fails the site; otherwise deductions
// from 100, each indicator capped at its points; below 60 fails. Column counters are site-wide: when one
// reaches its veto threshold, the columns it counted become veto findings of 「栏目不更新」. Warnings
// (预警) score nothing; counters past their warning point are reported as early warnings.

export interface VetoOutcome {
  indicator: string;
  name: string;
  reason: string;
  findings: number;
}

export interface Deduction {
  indicator: string;
  name: string;
  count: number;
  points: number;
}

export interface InspectionSummary {
  score: number;
  passed: boolean;
  vetoes: VetoOutcome[];
  deductions: Deduction[];
  earlyWarnings: string[];
  counters: { keyStale: number; longStale: number; blank: number; warnings: number; findings: number };
}

export interface ScoredFindings {
  findings: ScopedFinding[]; // veto findings first
  summary: InspectionSummary;
}

const round1 = (n: number) => Math.round(n * 10) / 10;
const flag = (f: ScopedFinding, key: string) => f.detail[key] === true;

function columnVeto(findings: ScopedFinding[], t: Thresholds) {
  const stale = findings.filter((f) => f.kind === 'freshness' && f.severity !== 'warn');
  const key = stale.filter(
    (f) => flag(f, 'nationalBreach') && ['dynamic', 'notice_policy'].includes(String(f.detail.vetoClass)),
  );
  const long = stale.filter((f) => flag(f, 'longStale'));
  const blank = findings.filter((f) => f.kind === 'blank_column');
  const reasons: string[] = [];
  const counted = new Set<ScopedFinding>();
  const trip = (list: ScopedFinding[], limit: number, reason: string) => {
    if (list.length < limit) return;
    reasons.push(reason.replace('{n}', String(list.length)));
    for (const f of list) counted.add(f);
  };
  trip(key, t.keyStaleVeto, `动态要闻类、通知公告政策文件类栏目 {n} 个未更新（≥${t.keyStaleVeto}）`);
  trip(long, t.staleColumnsVeto, `应更新但长期未更新的栏目 {n} 个（≥${t.staleColumnsVeto}）`);
  trip(blank, t.blankColumnsVeto, `空白栏目 {n} 个（≥${t.blankColumnsVeto}）`);
  const warnings: string[] = [];
  if (long.length >= t.staleColumnsWarn && long.length < t.staleColumnsVeto)
    warnings.push(`长期未更新栏目已有 ${long.length} 个，达到 ${t.staleColumnsVeto} 个即单项否决`);
  if (blank.length >= t.blankColumnsWarn && blank.length < t.blankColumnsVeto)
    warnings.push(`空白栏目已有 ${blank.length} 个，达到 ${t.blankColumnsVeto} 个即单项否决`);
  return {
    reasons,
    counted,
    warnings,
    counters: { keyStale: key.length, longStale: long.length, blank: blank.length },
  };
}

/** Scores findings: raises counted column findings to veto, orders veto first, sums capped deductions. */
export function scoreFindings(input: readonly ScopedFinding[], t: Thresholds): ScoredFindings {
  const column = columnVeto([...input], t);
  const findings = input.map((f) =>
    column.counted.has(f)
      ? {
          ...f,
          severity: 'veto' as const,
          indicator: 'veto.column_stale',
          detail: { ...f.detail, deductIndicator: f.indicator },
        }
      : f,
  );
  const vetoes: VetoOutcome[] = [];
  for (const v of vetoIndicators) {
    const hits = findings.filter((f) => f.severity === 'veto' && f.indicator === v.code);
    if (hits.length === 0) continue;
    const reason = v.code === 'veto.column_stale' ? column.reasons.join('；') : (hits[0]?.message ?? '');
    vetoes.push({ indicator: v.code, name: v.name, reason, findings: hits.length });
  }
  const deductions: Deduction[] = [];
  for (const d of deductionIndicators) {
    const count = findings.filter((f) => f.severity === 'deduct' && f.indicator === d.code).length;
    if (count > 0)
      deductions.push({
        indicator: d.code,
        name: d.name,
        count,
        points: round1(Math.min(d.cap, count * d.perFinding)),
      });
  }
  const score = round1(Math.max(0, 100 - deductions.reduce((s, d) => s + d.points, 0)));
  const warnings = findings.filter((f) => f.severity === 'warn');
  const severityRank = { veto: 0, deduct: 1, warn: 2 } as const;
  findings.sort(
    (a, b) =>
      severityRank[a.severity] - severityRank[b.severity] ||
      indicatorRank(a.indicator) - indicatorRank(b.indicator) ||
      a.fingerprint.localeCompare(b.fingerprint),
  );
  return {
    findings,
    summary: {
      score,
      passed: vetoes.length === 0 && score >= 60,
      vetoes,
      deductions,
      earlyWarnings: [...column.warnings, ...warnings.map((w) => w.message)],
      counters: { ...column.counters, warnings: warnings.length, findings: findings.length },
    },
  };
}
