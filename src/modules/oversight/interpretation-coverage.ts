import type { Context } from '../../core/context';
import { isPolicyItem, policiesWithoutInterpretation } from '../interpretations';
import { type AgencyName, type OversightScope, perAgency, percent } from './scope';

// 政策解读 per policy (国办发〔2016〕80号 §二; law-and-formats.md §4): of the policies published in the
// period (规章, 规范性文件, or marked as a major policy — isPolicyItem), how many have a published
// interpretation, how many still lack one and of those how many are past the configured lag.

export const INTERPRETATION_DEFINITION =
  '需解读政策指统计期间内发布的规章、规范性文件和标记为重大政策的信息；已解读指至少有一篇已发布的解读；' +
  '逾期未解读指政策发布后超过规定工作日仍无已发布解读。';

export interface InterpretationRow extends AgencyName {
  policies: number;
  interpreted: number;
  missing: number;
  overdue: number;
  interpretations: number; // published interpretations of those policies
  rate: number | null;
}

const blank = () => ({ policies: 0, interpreted: 0, missing: 0, overdue: 0, interpretations: 0, rate: null });

/** Policies published in the period with their published interpretations, per agency. */
export async function interpretationCoverage(
  ctx: Context,
  scope: OversightScope,
  agencies: readonly AgencyName[],
): Promise<InterpretationRow[]> {
  if (agencies.length === 0) return [];
  const ids = agencies.map((a) => a.id);
  const candidates = await ctx.db
    .selectFrom('items')
    .select(['id', 'agency_id', 'genre', 'is_policy'])
    .where('status', '=', 'published')
    .where('published_at', '>=', scope.period.fromIso)
    .where('published_at', '<', scope.period.toIso)
    .where('agency_id', 'in', ids)
    .where((eb) => eb.or([eb('is_policy', '=', 1), eb('genre', 'is not', null)]))
    .execute();
  const policies = candidates.filter((c) => isPolicyItem({ genre: c.genre, is_policy: Number(c.is_policy) }));
  const counts = await publishedInterpretationCounts(
    ctx,
    policies.map((p) => p.id),
  );
  const overdue = new Set(
    (await policiesWithoutInterpretation(ctx, scope.agencyIds)).filter((p) => p.overdue).map((p) => p.id),
  );
  const rows = perAgency<Omit<InterpretationRow, keyof AgencyName>>(agencies, blank);
  for (const p of policies) {
    const r = rows.get(p.agency_id);
    if (!r) continue;
    const n = counts.get(p.id) ?? 0;
    r.policies++;
    r.interpretations += n;
    if (n > 0) r.interpreted++;
    else r.missing++;
    if (overdue.has(p.id)) r.overdue++;
  }
  return [...rows.values()].map((r) => ({ ...r, rate: percent(r.interpreted, r.policies) }));
}

async function publishedInterpretationCounts(
  ctx: Context,
  policyIds: string[],
): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (let i = 0; i < policyIds.length; i += 500) {
    const rows = await ctx.db
      .selectFrom('interpretations')
      .innerJoin('items', 'items.id', 'interpretations.item_id')
      .select((eb) => ['interpretations.policy_item_id as id', eb.fn.countAll<number>().as('n')])
      .where('items.status', '=', 'published')
      .where('interpretations.policy_item_id', 'in', policyIds.slice(i, i + 500))
      .groupBy('interpretations.policy_item_id')
      .execute();
    for (const r of rows) out.set(r.id, Number(r.n));
  }
  return out;
}
