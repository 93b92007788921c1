import { z } from 'zod';
import type { Context } from '../../core/context';
import { AppError } from '../../core/errors';
import { parseInput } from '../../core/validation';
import type { Actor } from '../audit';
import { checkAnnualReport, type ReportCheck } from './report-check';
import { enterReportFigures, listReportFigures, sumFigure } from './report-figures.service';
import { parseAnnualReportFile } from './report-import';
import { reportScope } from './report-queries';
import { annualReportSchema } from './report-schema';
import { assertDraft, previousReportOf, type StoredReport, saveDraftReport } from './report-store.service';

// The officer's changes to a draft report: the narrative of sections 一, 五 and 六, the table 2 figures
// that come from other systems (with their source), and a whole report imported from JSON or from the
// HTML of a published report (the checks run on it at once). Each refuses a report that is not a draft.

const narrativeSchema = z.object({
  overview: z.string({ error: '请填写总体情况' }).max(50_000, '总体情况不超过 5 万字'),
  problems: z.string().max(50_000, '存在的主要问题及改进情况不超过 5 万字').default(''),
  other: z.string().max(50_000, '其他需要报告的事项不超过 5 万字').default(''),
});

/** Saves sections 一, 五 and 六 of a draft report. */
export async function saveReportNarrative(
  ctx: Context,
  actor: Actor,
  stored: StoredReport,
  raw: unknown,
): Promise<void> {
  assertDraft(stored.row);
  const input = parseInput(narrativeSchema, raw);
  const report = annualReportSchema.parse({ ...stored.report, narrative: input });
  if (!report.narrative.overview)
    throw new AppError('validation', '一、总体情况不能为空', { fields: { overview: '请填写总体情况' } });
  await saveDraftReport(ctx, actor, stored.row.agency_id, report, 'report.narrative_edited');
}

const FIGURE_FIELDS = ['licensing', 'penalty', 'enforcement', 'feesTenThousandYuan'] as const;

/**
 * Enters the table 2 figures of other systems (行政许可, 行政处罚, 行政强制, 行政事业性收费) for the report's
 * agency and year with their source, and puts the sums over the report's scope into the draft.
 */
export async function saveReportFigures(
  ctx: Context,
  actor: Actor,
  stored: StoredReport,
  raw: Record<string, unknown>,
): Promise<void> {
  assertDraft(stored.row);
  const year = Number(stored.row.year);
  const figures = Object.fromEntries(FIGURE_FIELDS.map((k) => [k, String(raw[k] ?? '')]));
  await enterReportFigures(ctx, actor, stored.row.agency_id, { year, source: raw.source, figures });
  const { agencyIds } = await reportScope(ctx.db, stored.row.agency_id);
  const entered = await listReportFigures(ctx.db, agencyIds, year);
  const proactive = { ...stored.report.proactive };
  for (const key of FIGURE_FIELDS) proactive[key] = sumFigure(entered, key);
  await saveDraftReport(
    ctx,
    actor,
    stored.row.agency_id,
    { ...stored.report, proactive },
    'report.figures_applied',
    { figures: Object.fromEntries(FIGURE_FIELDS.map((k) => [k, proactive[k]])) },
  );
}

const importSchema = z.object({
  text: z
    .string({ error: '请粘贴年报 JSON 或已发布年报的 HTML' })
    .trim()
    .min(1, '请粘贴年报 JSON 或已发布年报的 HTML')
    .max(250_000, '内容过长（不超过 25 万字符）'),
});

/** Imports an existing report (JSON or published HTML) as the agency's draft of its year; returns its checks. */
export async function importStoredReport(
  ctx: Context,
  actor: Actor,
  agency: { id: string; name: string },
  raw: unknown,
): Promise<{ id: string; check: ReportCheck }> {
  const { text } = parseInput(importSchema, raw);
  let parsed: ReturnType<typeof parseAnnualReportFile>;
  try {
    parsed = parseAnnualReportFile(text, { agency: agency.name });
  } catch (error) {
    if (error instanceof AppError)
      throw new AppError('validation', error.message, { fields: { text: error.message } });
    throw error;
  }
  const check = checkAnnualReport(
    parsed.report,
    await previousReportOf(ctx.db, agency.id, parsed.report.year),
  );
  const id = await saveDraftReport(ctx, actor, agency.id, parsed.report, 'report.imported', {
    format: parsed.format,
    errors: check.errors.length,
    warnings: check.warnings.length,
  });
  return { id, check };
}
