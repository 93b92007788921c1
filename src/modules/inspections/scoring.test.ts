import { describe, expect, it } from 'vitest';
import type { ScopedFinding } from './finding';
import { checkMetadata } from './metadata';
import { rectificationSentence, tallyGroups } from './rectification-stats';
import { nationalThresholds as t } from './rules';
import { scoreFindings } from './scoring';

let n = 0;
const finding = (over: Partial<ScopedFinding>): ScopedFinding => ({
  kind: 'broken_link',
  indicator: 'deduct.broken_link',
  severity: 'deduct',
  objectType: 'item',
  objectId: `o${++n}`,
  fingerprint: `f${n}`,
  message: 'm',
  detail: {},
  agencyId: 'a',
  ...over,
});
const stale = (national: boolean) =>
  finding({
    kind: 'freshness',
    indicator: 'deduct.column_stale',
    detail: { nationalBreach: national, longStale: national, vetoClass: 'dynamic' },
  });
const blank = () => finding({ kind: 'blank_column', indicator: 'deduct.blank_column' });

describe('scoring against 19号', () => {
  it('deducts per finding, capped per indicator, and passes at 60 or more', () => {
    const links = Array.from({ length: 7 }, () => finding({}));
    const policy = [
      finding({ kind: 'freshness', indicator: 'deduct.policy_column' }),
      finding({ kind: 'freshness', indicator: 'deduct.policy_column' }),
    ];
    const s = scoreFindings([...links, ...policy], t).summary;
    expect(s.deductions).toEqual([
      { indicator: 'deduct.policy_column', name: '政策文件类一级栏目6个月未更新', count: 2, points: 5 },
      { indicator: 'deduct.broken_link', name: '链接不可用', count: 7, points: 0.7 },
    ]);
    expect(s.score).toBe(94.3);
    expect(s.passed).toBe(true);
    expect(s.vetoes).toEqual([]);
  });

  it('ignores warnings in the score', () => {
    const s = scoreFindings([finding({ severity: 'warn' })], t).summary;
    expect(s.score).toBe(100);
    expect(s.counters.warnings).toBe(1);
  });

  it('vetoes at 5 key columns not updated (not at 4), raising those findings to veto and first', () => {
    const four = scoreFindings([finding({}), ...Array.from({ length: 4 }, () => stale(true))], t);
    expect(four.summary.vetoes).toEqual([]);
    const five = scoreFindings([finding({}), ...Array.from({ length: 5 }, () => stale(true))], t);
    expect(five.summary.vetoes.map((v) => v.name)).toEqual(['栏目不更新']);
    expect(
      five.findings.slice(0, 5).every((f) => f.severity === 'veto' && f.indicator === 'veto.column_stale'),
    ).toBe(true);
    expect(five.findings[5]?.indicator).toBe('deduct.broken_link');
    expect(five.summary.passed).toBe(false);
  });

  it('vetoes at 5 blank columns and warns from 2', () => {
    expect(scoreFindings([blank()], t).summary.earlyWarnings).toEqual([]);
    expect(scoreFindings([blank(), blank()], t).summary.earlyWarnings[0]).toContain('空白栏目已有 2 个');
    const s = scoreFindings(Array.from({ length: 5 }, blank), t).summary;
    expect(s.vetoes[0]?.reason).toBe('空白栏目 5 个（≥5）');
  });

  it('names a single veto finding (home page) before deductions', () => {
    const r = scoreFindings(
      [
        finding({}),
        finding({
          kind: 'home_stale',
          indicator: 'veto.home_stale',
          severity: 'veto',
          message: '网站首页已 20 天无信息更新',
        }),
      ],
      t,
    );
    expect(r.findings[0]?.kind).toBe('home_stale');
    expect(r.summary.vetoes).toEqual([
      { indicator: 'veto.home_stale', name: '首页不更新', reason: '网站首页已 20 天无信息更新', findings: 1 },
    ]);
  });
});

describe('metadata completeness', () => {
  const item = {
    id: 'i',
    title: '通知',
    index_number: 'X/2026-00001',
    published_at: '2026-03-01T00:00:00Z',
    source: '区政府办',
    disclosure: 'proactive',
    doc_number: null,
    issuer: null,
    written_on: null,
  };
  it('passes a complete item and lists what is missing', () => {
    expect(checkMetadata(item)).toBeNull();
    expect(checkMetadata({ ...item, index_number: null, source: ' ' })?.message).toBe(
      '「通知」缺少目录要素：索引号、来源',
    );
    expect(checkMetadata({ ...item, doc_number: '区府发〔2026〕1号' })?.detail.missing).toEqual([
      '发文机关',
      '成文日期',
    ]);
  });
});

describe('整改率 sentence', () => {
  it('reads per group, excepted tasks out of the rate', () => {
    const groups = tallyGroups([
      { kind: 'freshness', status: 'closed' },
      { kind: 'blank_column', status: 'open' },
      { kind: 'wording', status: 'closed' },
      { kind: 'metadata', status: 'excepted' },
    ]);
    expect(rectificationSentence(groups)).toBe('栏目整改 2 次，整改率 50%；错敏词整改 1 次，整改率 100%');
    expect(rectificationSentence([])).toBe('本期无整改任务');
  });
});
