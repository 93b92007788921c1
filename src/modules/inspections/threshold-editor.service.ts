import type { Context } from '../../core/context';
import { AppError } from '../../core/errors';
import type { Principal } from '../accounts';
import { type Actor, auditedTransaction } from '../audit';
import { assertMayEdit } from './rule-editor.service';
import { parseThresholdInput, type ThresholdKey, thresholdKeyOf, thresholdSpecs } from './rule-input';
import { loadInspectionRules, nationalThresholds } from './rules';

// The site-wide inspection thresholds in the back office (architecture.md: rules are data, basis
// beside each; every change audited with old and new values). Only the district supervisor edits.

export interface ThresholdView {
  key: ThresholdKey;
  label: string;
  unit: string;
  value: number;
  basis: string;
  updatedAt: string | null; // null: no row, the national value applies
}

/** Every threshold with its basis; a missing row shows the national value it falls back to. */
export async function listThresholds(ctx: Context): Promise<ThresholdView[]> {
  const rows = await ctx.db.selectFrom('inspection_thresholds').selectAll().execute();
  return (Object.keys(thresholdSpecs) as ThresholdKey[]).map((key) => {
    const spec = thresholdSpecs[key];
    const row = rows.find((r) => r.key === spec.column);
    return {
      key,
      label: spec.label,
      unit: spec.unit,
      value: row ? Number(row.value) : nationalThresholds[key],
      basis: row?.basis ?? '全国标准值（portal-standards.md §5.2、§5.6）',
      updatedAt: row?.updated_at ?? null,
    };
  });
}

/** One threshold by its stored key ('home_veto_days'), or not_found. */
export async function getThreshold(ctx: Context, column: string): Promise<ThresholdView> {
  const key = thresholdKeyOf(column);
  const found = key && (await listThresholds(ctx)).find((t) => t.key === key);
  if (!found) throw new AppError('not_found', '检查阈值不存在');
  return found;
}

/** Changes one threshold (a warning point must stay below its veto point); audited with old and new. */
export async function saveThreshold(
  ctx: Context,
  p: Principal,
  actor: Actor,
  column: string,
  raw: unknown,
): Promise<ThresholdView> {
  assertMayEdit(p);
  const before = await getThreshold(ctx, column);
  const { thresholds } = await loadInspectionRules(ctx.db);
  const input = parseThresholdInput(before.key, raw, thresholds);
  await auditedTransaction(ctx, actor, async (trx) => {
    const at = ctx.clock.now().toISOString();
    await trx
      .insertInto('inspection_thresholds')
      .values({ key: column, value: input.value, basis: input.basis, updated_at: at })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet({ value: input.value, basis: input.basis, updated_at: at }),
      )
      .execute();
    return {
      result: null,
      audit: {
        action: 'inspection_threshold.saved',
        objectType: 'inspection_threshold',
        objectId: column,
        details: {
          target: before.label,
          before: { value: before.value, basis: before.basis },
          after: { value: input.value, basis: input.basis },
        },
      },
    };
  });
  return getThreshold(ctx, column);
}
