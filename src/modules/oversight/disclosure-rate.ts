import { chinaDay } from '../../core/clock';
import type { Context } from '../../core/context';
import { type AgencyName, type OversightScope, perAgency, percent } from './scope';

// 主动公开率 of official documents (公文), law-and-formats.md §5.2 "Metrics: the proactive-disclosure rate,
// and counts by reason". The definition, stated on the page as well:
// - an official document is an item that carries a 文号 (doc_number not empty), not a correction draft;
// - it belongs to the period by its 成文日期, or by the day it was entered when no 成文日期 is recorded;
// - 主动公开率 = 主动公开 ÷ (主动公开 + 依申请公开 + 不予公开): documents whose 公开属性 is set (源头认定,
//   国办发〔2016〕80号 §一(一)); documents without one are counted apart as 未认定.

export const DISCLOSURE_RATE_DEFINITION =
  '公文指带有文号的信息（不含更正稿），按成文日期（未填成文日期的按录入日期）归入统计期间；' +
  '主动公开率 = 主动公开件数 ÷ 已认定公开属性的公文件数（主动公开 + 依申请公开 + 不予公开），未认定公开属性的另行列出。';

export interface DisclosureRow extends AgencyName {
  documents: number;
  proactive: number;
  onRequest: number;
  withheld: number;
  unset: number;
  rate: number | null; // percent, one decimal
  bases: Record<string, number>; // 不公开/依申请公开 legal basis → count
}

const blank = () => ({
  documents: 0,
  proactive: 0,
  onRequest: 0,
  withheld: 0,
  unset: 0,
  rate: null,
  bases: {},
});

interface DocumentRow {
  agency_id: string;
  written_on: string | null;
  created_at: string;
  disclosure: string | null;
  disclosure_basis: string | null;
}

/** Whether a document belongs to the period: by 成文日期, else by the China day it was entered. */
export function documentInPeriod(
  d: Pick<DocumentRow, 'written_on' | 'created_at'>,
  fromDay: string,
  toDay: string,
) {
  const on = d.written_on || chinaDay(new Date(d.created_at));
  return on >= fromDay && on <= toDay;
}

/** Tallies documents per agency into the rate (pure). */
export function tallyDisclosure(
  agencies: readonly AgencyName[],
  docs: readonly DocumentRow[],
): DisclosureRow[] {
  const rows = perAgency<Omit<DisclosureRow, keyof AgencyName>>(agencies, blank);
  for (const d of docs) {
    const r = rows.get(d.agency_id);
    if (!r) continue;
    r.documents++;
    if (d.disclosure === 'proactive') r.proactive++;
    else if (d.disclosure === 'on_request') r.onRequest++;
    else if (d.disclosure === 'withheld') r.withheld++;
    else r.unset++;
    if ((d.disclosure === 'on_request' || d.disclosure === 'withheld') && d.disclosure_basis)
      r.bases[d.disclosure_basis] = (r.bases[d.disclosure_basis] ?? 0) + 1;
  }
  return [...rows.values()].map((r) => ({
    ...r,
    rate: percent(r.proactive, r.proactive + r.onRequest + r.withheld),
  }));
}

/** The 主动公开率 of each agency's official documents in the period. */
export async function proactiveDisclosureRates(
  ctx: Context,
  scope: OversightScope,
  agencies: readonly AgencyName[],
): Promise<DisclosureRow[]> {
  const { period } = scope;
  if (agencies.length === 0) return [];
  // A generous SQL pre-filter (either date in range); documentInPeriod decides exactly.
  const rows = await ctx.db
    .selectFrom('items')
    .select(['agency_id', 'written_on', 'created_at', 'disclosure', 'disclosure_basis'])
    .where('doc_number', 'is not', null)
    .where('doc_number', '!=', '')
    .where('correction_of', 'is', null)
    .where(
      'agency_id',
      'in',
      agencies.map((a) => a.id),
    )
    .where((eb) =>
      eb.or([
        eb.and([eb('written_on', '>=', period.fromDay), eb('written_on', '<=', period.toDay)]),
        eb.and([eb('created_at', '>=', period.fromIso), eb('created_at', '<', period.toIso)]),
      ]),
    )
    .execute();
  const inPeriod = rows.filter((d) => documentInPeriod(d, period.fromDay, period.toDay));
  return tallyDisclosure(agencies, inPeriod);
}
