import type { Context } from '../../core/context';
import { auditActionLabel } from '../audit';
import { ruleFieldLabels, vetoClassLabels } from './rule-input';

// The recent changes to the inspection rules, read back from the audit log (every change is audited
// with the old and new values, so the log is the history; no second copy to drift).

export const ruleChangeActions = [
  'inspection_rule.saved',
  'inspection_rule.override_added',
  'inspection_rule.override_removed',
  'inspection_threshold.saved',
] as const;

export interface RuleChange {
  at: string;
  actor: string;
  action: string; // the Chinese label
  target: string;
  changes: string[]; // 「预警提前（天）：4 → 6」
}

const labels: Record<string, string> = { ...ruleFieldLabels, value: '数值' };

function shown(field: string, v: unknown): string {
  if (v === null || v === undefined || v === '') return '（空）';
  if (field === 'vetoClass') return vetoClassLabels[v as keyof typeof vetoClassLabels] ?? String(v);
  if (typeof v === 'boolean') return v ? '是' : '否';
  return String(v);
}

/** The fields that differ between two value sets, as 「字段：旧 → 新」 lines. */
export function describeChange(
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
): string[] {
  const fields = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
  return fields
    .filter((f) => JSON.stringify(before?.[f] ?? null) !== JSON.stringify(after?.[f] ?? null))
    .map((f) => {
      const label = labels[f] ?? f;
      if (!before) return `${label}：${shown(f, after?.[f])}`;
      if (!after) return `${label}：${shown(f, before[f])}（已删除）`;
      return `${label}：${shown(f, before[f])} → ${shown(f, after[f])}`;
    });
}

/** The latest changes to the freshness rules and thresholds, newest first. */
export async function inspectionRuleHistory(ctx: Context, limit = 30): Promise<RuleChange[]> {
  const rows = await ctx.db
    .selectFrom('audit_log')
    .select(['at', 'actor_name', 'action', 'details'])
    .where('action', 'in', [...ruleChangeActions])
    .orderBy('seq', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => {
    const d = JSON.parse(r.details) as {
      target?: string;
      before?: Record<string, unknown> | null;
      after?: Record<string, unknown> | null;
    };
    return {
      at: r.at,
      actor: r.actor_name ?? '系统',
      action: auditActionLabel(r.action),
      target: d.target ?? '',
      changes: describeChange(d.before ?? null, d.after ?? null),
    };
  });
}
