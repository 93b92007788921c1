import type { Context } from '../../core/context';
import { AppError } from '../../core/errors';
import type { Inspection } from '../../db/schema-inspections';
import { type Principal, visibleAgencyIds } from '../accounts';
import { indicatorName, indicatorRank, kindLabels, severityLabels } from './indicators';
import { summaryOf } from './inspection.service';
import type { InspectionSummary } from './scoring';

// An inspection as its report shows it: the site-wide score and veto items (the same for everyone), and
// the findings the viewer may see (the supervisor all, an agency's staff their own), grouped by
// indicator with veto items first.

export interface ReportFinding {
  id: string;
  agencyName: string;
  kind: string;
  kindLabel: string;
  severity: 'veto' | 'deduct' | 'warn';
  severityLabel: string;
  objectType: string;
  objectId: string;
  message: string;
  taskId: string | null;
  excepted: boolean;
}

export interface ReportGroup {
  indicator: string;
  name: string;
  veto: boolean;
  findings: ReportFinding[];
}

export interface InspectionReport {
  inspection: Inspection;
  summary: InspectionSummary;
  groups: ReportGroup[];
}

/** Latest inspections, newest first. */
export function listInspections(ctx: Context, limit = 20): Promise<Inspection[]> {
  return ctx.db
    .selectFrom('inspections')
    .selectAll()
    .orderBy('started_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/** The report of one inspection for a viewer, or 404. */
export async function inspectionReport(
  ctx: Context,
  viewer: Principal,
  id: string,
): Promise<InspectionReport> {
  const inspection = await ctx.db
    .selectFrom('inspections')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (!inspection?.finished_at) throw new AppError('not_found', '检查记录不存在');
  let q = ctx.db
    .selectFrom('inspection_findings')
    .leftJoin('agencies', 'agencies.id', 'inspection_findings.agency_id')
    .selectAll('inspection_findings')
    .select('agencies.name as agency_name')
    .where('inspection_id', '=', id);
  const agencies = visibleAgencyIds(viewer);
  if (agencies !== 'all') {
    if (agencies.length === 0) return { inspection, summary: summaryOf(inspection), groups: [] };
    q = q.where('inspection_findings.agency_id', 'in', agencies);
  }
  const rows = await q.orderBy('inspection_findings.fingerprint').execute();
  const groups = new Map<string, ReportGroup>();
  for (const r of rows) {
    const key = r.severity === 'warn' ? `warn:${r.indicator}` : r.indicator;
    const group = groups.get(key) ?? {
      indicator: r.indicator,
      name: r.severity === 'warn' ? `预警：${indicatorName(r.indicator)}` : indicatorName(r.indicator),
      veto: r.severity === 'veto',
      findings: [],
    };
    group.findings.push({
      id: r.id,
      agencyName: r.agency_name ?? '—',
      kind: r.kind,
      kindLabel: kindLabels[r.kind] ?? r.kind,
      severity: r.severity,
      severityLabel: severityLabels[r.severity],
      objectType: r.object_type,
      objectId: r.object_id,
      message: r.message,
      taskId: r.task_id,
      excepted: (JSON.parse(r.detail) as { excepted?: boolean }).excepted === true,
    });
    groups.set(key, group);
  }
  const rank = (g: ReportGroup) =>
    (g.veto ? 0 : g.name.startsWith('预警') ? 20_000 : 10_000) + indicatorRank(g.indicator);
  return {
    inspection,
    summary: summaryOf(inspection),
    groups: [...groups.values()].sort((a, b) => rank(a) - rank(b)),
  };
}

/** "不合格（单项否决）", "不合格（低于60分）" or "合格". */
export function verdictOf(summary: InspectionSummary): string {
  if (summary.vetoes.length > 0) return '不合格（单项否决）';
  return summary.score < 60 ? '不合格（低于60分）' : '合格';
}
