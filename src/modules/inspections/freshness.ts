import { fingerprintOf, type InspectionFinding } from './finding';
import type { FreshnessRule, Thresholds } from './rules';

// Column freshness, blank columns and home-page staleness (19号 单项否决「首页不更新」「栏目不更新」,
// portal-standards.md §5.2), with early warnings before the limits (§5.6). Pure: ages come from
// published_at and the inspection's clock. A column is held to its own `update_days` (null = static,
// exempt); its rule says which national counter it feeds and when to warn.

const DAY_MS = 86_400_000;

/** Whole days from `fromIso` to `now` (0 on the same instant, 14 exactly two weeks later). */
export function ageInDays(fromIso: string, now: Date): number {
  return Math.floor((now.getTime() - new Date(fromIso).getTime()) / DAY_MS);
}

export interface ColumnState {
  id: string;
  agencyId: string;
  slug: string;
  name: string;
  updateDays: number | null;
  lastPublishedAt: string | null; // newest public published item
  publicCount: number;
}

/** The day from which a column of limit `maxDays` is warned about. */
export function warnAfterDays(maxDays: number, rule: FreshnessRule | undefined, t: Thresholds): number {
  if (rule?.warnDays != null && rule.warnDays < maxDays) return maxDays - rule.warnDays;
  return Math.ceil((maxDays * t.columnWarnPercent) / 100);
}

/** A stale column (past its update cycle) or a warning before it; null when fresh, static or blank. */
export function checkColumnFreshness(
  column: ColumnState,
  rule: FreshnessRule | undefined,
  now: Date,
  t: Thresholds,
): InspectionFinding | null {
  if (column.updateDays === null || column.publicCount === 0 || !column.lastPublishedAt) return null;
  const maxDays = column.updateDays;
  const age = ageInDays(column.lastPublishedAt, now);
  const national = rule?.nationalMaxDays ?? null;
  const detail = {
    columnName: column.name,
    slug: column.slug,
    ageDays: age,
    maxDays,
    vetoClass: rule?.vetoClass ?? 'other',
    nationalMaxDays: national,
    // counts toward 「栏目不更新」1 (动态要闻 2 weeks, 通知公告/政策文件 6 months)
    nationalBreach: national !== null && age > national,
    // counts toward 「栏目不更新」2 (应更新但长期未更新): past the national limit, or its own without one
    longStale: age > (national ?? maxDays),
    lastPublishedAt: column.lastPublishedAt,
  };
  const base = {
    kind: 'freshness',
    objectType: 'column',
    objectId: column.id,
    fingerprint: fingerprintOf('freshness', 'column', column.id),
    detail,
  } as const;
  if (age > maxDays) {
    const policy = rule?.vetoClass === 'notice_policy' && detail.nationalBreach;
    return {
      ...base,
      indicator: policy ? 'deduct.policy_column' : 'deduct.column_stale',
      severity: 'deduct',
      message: `栏目「${column.name}」已 ${age} 天未更新，超过更新周期 ${maxDays} 天`,
    };
  }
  const warnAt = warnAfterDays(maxDays, rule, t);
  if (age >= warnAt)
    return {
      ...base,
      indicator: 'deduct.column_stale',
      severity: 'warn',
      message: `栏目「${column.name}」已 ${age} 天未更新，${maxDays - age} 天后超过更新周期 ${maxDays} 天`,
    };
  return null;
}

/** A blank column (空白栏目: no public content at all), unless its rule exempts it (an entry column). */
export function checkBlankColumn(
  column: ColumnState,
  rule: FreshnessRule | undefined,
): InspectionFinding | null {
  if (column.publicCount > 0 || rule?.blankExempt) return null;
  return {
    kind: 'blank_column',
    indicator: 'deduct.blank_column',
    severity: 'deduct',
    objectType: 'column',
    objectId: column.id,
    fingerprint: fingerprintOf('blank_column', 'column', column.id),
    message: `栏目「${column.name}」为空白栏目，没有任何公开信息`,
    detail: { columnName: column.name, slug: column.slug },
  };
}

export interface HomeState {
  scope: 'site' | 'agency'; // the portal home (veto) or a department channel's home (deduction)
  id: string; // 'home' for the site, the agency id for a channel
  name: string;
  lastPublishedAt: string | null;
}

/** Home-page staleness: the portal home is a veto item after 2 weeks; a channel home a deduction. */
export function checkHomeFreshness(home: HomeState, now: Date, t: Thresholds): InspectionFinding | null {
  const age = home.lastPublishedAt ? ageInDays(home.lastPublishedAt, now) : null;
  const site = home.scope === 'site';
  const base = {
    kind: 'home_stale',
    objectType: home.scope,
    objectId: home.id,
    fingerprint: fingerprintOf('home_stale', home.scope, home.id),
    detail: {
      name: home.name,
      ageDays: age,
      vetoDays: t.homeVetoDays,
      lastPublishedAt: home.lastPublishedAt,
    },
  } as const;
  const indicator = site ? 'veto.home_stale' : 'deduct.channel_home';
  if (age === null || age > t.homeVetoDays)
    return {
      ...base,
      indicator,
      severity: site ? 'veto' : 'deduct',
      message:
        age === null
          ? `${home.name}从未发布信息`
          : `${home.name}已 ${age} 天无信息更新，超过 ${t.homeVetoDays} 天`,
    };
  if (age >= t.homeWarnDays)
    return {
      ...base,
      indicator,
      severity: 'warn',
      message: `${home.name}已 ${age} 天无信息更新，${t.homeVetoDays} 天无更新即${site ? '单项否决' : '扣分'}`,
    };
  return null;
}
