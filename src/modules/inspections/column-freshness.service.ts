import type { Context } from '../../core/context';
import type { ScopedFinding } from './finding';
import { loadInspectionRules } from './rules';
import { envOf } from './scan-env';
import { columnFindings, columnStates } from './site-scan';

/**
 * The freshness and blank-column findings of one agency's columns as of now, by the inspection's own
 * rules and thresholds (data, edited in 检查规则): the monthly gap check lists them without a copy of
 * the rules.
 */
export async function columnFreshnessOf(ctx: Context, agencyId: string): Promise<ScopedFinding[]> {
  const env = envOf(ctx, await loadInspectionRules(ctx.db), {});
  const columns = (await columnStates(env)).filter((c) => c.agencyId === agencyId);
  return columnFindings(env, columns);
}
