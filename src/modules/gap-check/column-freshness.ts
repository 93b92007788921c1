import type { Context } from '../../core/context';
import { columnFreshnessOf, type ScopedFinding } from '../inspections';
import type { GapRow } from './gap-sections';

// Column freshness of one agency as of today, for the gap check: the inspection's own findings
// (inspections/freshness.ts with the rules and thresholds edited in 检查规则), worded for the report.

const DAY_MS = 86_400_000;
const CHINA_MS = 8 * 3_600_000;

interface FreshnessDetail {
  columnName: string;
  ageDays?: number;
  maxDays?: number;
  lastPublishedAt?: string;
}

function rowOf(f: ScopedFinding): GapRow & { urgency: number } {
  const d = f.detail as Partial<FreshnessDetail>;
  if (f.kind === 'blank_column')
    return {
      text: String(d.columnName),
      detail: '空白栏目，没有任何公开信息',
      dueOn: null,
      overdue: true,
      href: null,
      urgency: 1e9,
    };
  const age = Number(d.ageDays);
  const max = Number(d.maxDays);
  const dueOn = new Date(new Date(String(d.lastPublishedAt)).getTime() + max * DAY_MS + CHINA_MS)
    .toISOString()
    .slice(0, 10);
  const overdue = f.severity !== 'warn';
  return {
    text: String(d.columnName),
    detail: overdue
      ? `已 ${age} 天未更新，超过更新周期 ${max} 天`
      : `已 ${age} 天未更新，${max - age} 天后超过更新周期 ${max} 天`,
    dueOn,
    overdue,
    href: null,
    urgency: overdue ? age - max + 1e6 : age - max,
  };
}

/** The agency's columns that are blank, past or near their update cycle, most urgent first. */
export async function columnFreshnessRows(ctx: Context, agencyId: string): Promise<GapRow[]> {
  const findings = await columnFreshnessOf(ctx, agencyId);
  return findings
    .map(rowOf)
    .sort((a, b) => b.urgency - a.urgency)
    .map(({ urgency: _u, ...r }) => r);
}
