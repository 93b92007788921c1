import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { VetoClass } from '../../db/schema-inspections';

// The inspection rules as data (migration 0009): freshness rules per column (by id, else by slug) and
// the site-wide thresholds, loaded once per inspection.

export interface FreshnessRule {
  vetoClass: VetoClass;
  nationalMaxDays: number | null;
  warnDays: number | null;
  blankExempt: boolean;
}

export interface Thresholds {
  homeVetoDays: number;
  homeWarnDays: number;
  keyStaleVeto: number;
  staleColumnsVeto: number;
  staleColumnsWarn: number;
  blankColumnsVeto: number;
  blankColumnsWarn: number;
  columnWarnPercent: number;
  rectifyDaysVeto: number;
  rectifyDaysDeduct: number;
}

// The national values of portal-standards.md §5.2 and §5.6, used when a row is missing.
export const nationalThresholds: Thresholds = {
  homeVetoDays: 14,
  homeWarnDays: 10,
  keyStaleVeto: 5,
  staleColumnsVeto: 10,
  staleColumnsWarn: 6,
  blankColumnsVeto: 5,
  blankColumnsWarn: 2,
  columnWarnPercent: 70,
  rectifyDaysVeto: 5,
  rectifyDaysDeduct: 10,
};

const keyOf: Record<string, keyof Thresholds> = {
  home_veto_days: 'homeVetoDays',
  home_warn_days: 'homeWarnDays',
  key_stale_veto: 'keyStaleVeto',
  stale_columns_veto: 'staleColumnsVeto',
  stale_columns_warn: 'staleColumnsWarn',
  blank_columns_veto: 'blankColumnsVeto',
  blank_columns_warn: 'blankColumnsWarn',
  column_warn_percent: 'columnWarnPercent',
  rectify_days_veto: 'rectifyDaysVeto',
  rectify_days_deduct: 'rectifyDaysDeduct',
};

export interface InspectionRules {
  thresholds: Thresholds;
  ruleFor(column: { id: string; slug: string }): FreshnessRule | undefined;
}

/** Loads the thresholds and freshness rules; a column's own rule wins over its slug's. */
export async function loadInspectionRules(db: Kysely<DB>): Promise<InspectionRules> {
  const [rows, ruleRows] = await Promise.all([
    db.selectFrom('inspection_thresholds').select(['key', 'value']).execute(),
    db.selectFrom('column_freshness_rules').selectAll().execute(),
  ]);
  const thresholds = { ...nationalThresholds };
  for (const r of rows) {
    const key = keyOf[r.key];
    if (key) thresholds[key] = Number(r.value);
  }
  const toRule = (r: (typeof ruleRows)[number]): FreshnessRule => ({
    vetoClass: r.veto_class,
    nationalMaxDays: r.national_max_days === null ? null : Number(r.national_max_days),
    warnDays: r.warn_days === null ? null : Number(r.warn_days),
    blankExempt: Number(r.blank_exempt) === 1,
  });
  const byColumn = new Map(ruleRows.filter((r) => r.column_id).map((r) => [r.column_id, toRule(r)]));
  const bySlug = new Map(ruleRows.filter((r) => r.slug && !r.column_id).map((r) => [r.slug, toRule(r)]));
  return { thresholds, ruleFor: (c) => byColumn.get(c.id) ?? bySlug.get(c.slug) };
}
