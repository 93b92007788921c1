import { describe, expect, it } from 'vitest';
import { type ColumnState, checkBlankColumn, checkColumnFreshness, checkHomeFreshness } from './freshness';
import { type FreshnessRule, nationalThresholds as t } from './rules';

const now = new Date('2026-03-02T02:00:00.000Z');
const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000).toISOString();
const news: FreshnessRule = { vetoClass: 'dynamic', nationalMaxDays: 14, warnDays: 4, blankExempt: false };
const notices: FreshnessRule = {
  vetoClass: 'notice_policy',
  nationalMaxDays: 180,
  warnDays: null,
  blankExempt: false,
};
const column = (updateDays: number | null, age: number | null, slug = 'news'): ColumnState => ({
  id: `c-${slug}`,
  agencyId: 'a',
  slug,
  name: '栏目',
  updateDays,
  lastPublishedAt: age === null ? null : daysAgo(age),
  publicCount: age === null ? 0 : 1,
});

describe('column freshness (19号 栏目不更新; 开普云 early warnings)', () => {
  it.each([
    ['动态 9 days: fresh', column(14, 9), news, null, null],
    ['动态 10 days: warning (4 days before the limit)', column(14, 10), news, 'warn', 'deduct.column_stale'],
    ['动态 14 days: just within, still a warning', column(14, 14), news, 'warn', 'deduct.column_stale'],
    ['动态 15 days: past the 2-week limit', column(14, 15), news, 'deduct', 'deduct.column_stale'],
    ['通知 20 of 30 days: fresh (70% warns at 21)', column(30, 20, 'notices'), notices, null, null],
    ['通知 21 of 30 days: warning', column(30, 21, 'notices'), notices, 'warn', 'deduct.column_stale'],
    ['通知 31 days: past its own cycle', column(30, 31, 'notices'), notices, 'deduct', 'deduct.column_stale'],
    ['通知 181 days: past 6 months', column(30, 181, 'notices'), notices, 'deduct', 'deduct.policy_column'],
    ['static column: exempt', column(null, 900, 'rules'), undefined, null, null],
    ['blank column: not a freshness problem', column(14, null), news, null, null],
  ] as const)('%s', (_label, c, rule, severity, indicator) => {
    const f = checkColumnFreshness(c, rule, now, t);
    expect(f?.severity ?? null).toBe(severity);
    expect(f?.indicator ?? null).toBe(indicator);
    if (f) expect(f.fingerprint).toBe(`freshness:column:${c.id}`);
  });

  it('counts toward the national counters only past the national limit', () => {
    const local = checkColumnFreshness(column(30, 40, 'notices'), notices, now, t);
    expect(local?.detail).toMatchObject({ nationalBreach: false, longStale: false });
    const national = checkColumnFreshness(column(14, 15), news, now, t);
    expect(national?.detail).toMatchObject({ nationalBreach: true, longStale: true });
  });

  it('finds blank columns unless the rule exempts an entry column', () => {
    expect(checkBlankColumn(column(14, null), news)?.kind).toBe('blank_column');
    expect(checkBlankColumn(column(null, null, 'on-request'), { ...news, blankExempt: true })).toBeNull();
    expect(checkBlankColumn(column(14, 3), news)).toBeNull();
  });
});

describe('home-page staleness (19号 首页不更新: 2 weeks; warn at 10 days)', () => {
  it.each([
    ['site', 9, null],
    ['site', 10, 'warn'],
    ['site', 14, 'warn'],
    ['site', 15, 'veto'],
    ['site', null, 'veto'],
    ['agency', 15, 'deduct'],
  ] as const)('%s home %s days old → %s', (scope, age, severity) => {
    const f = checkHomeFreshness(
      { scope, id: 'x', name: '网站首页', lastPublishedAt: age === null ? null : daysAgo(age) },
      now,
      t,
    );
    expect(f?.severity ?? null).toBe(severity);
  });
});
