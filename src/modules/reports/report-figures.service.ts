import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Context } from '../../core/context';
import { AppError } from '../../core/errors';
import { parseInput } from '../../core/validation';
import type { DB } from '../../db/schema';
import type { ReportFigure, ReportFigureKey } from '../../db/schema-reports';
import { type Actor, auditedTransaction } from '../audit';

// Table 2 figures that come from other systems (law-and-formats.md §2.3): decisions on 行政许可 (Art. 20(五)),
// 行政处罚 and 行政强制 (Art. 20(六)) from the licensing and enforcement systems, and 行政事业性收费 in 万元
// (Art. 20(八)) from the finance system — entered in the back office or imported from a CSV export, each
// with its source noted. 规章 counts only for an agency that makes rules (a district makes none).

/** The figure keys with their table 2 label. */
export const reportFigureLabels: Record<ReportFigureKey, string> = {
  licensing: '行政许可 本年处理决定数量',
  penalty: '行政处罚 本年处理决定数量',
  enforcement: '行政强制 本年处理决定数量',
  feesTenThousandYuan: '行政事业性收费 本年收费金额（万元）',
  'rules.issued': '规章 本年制发件数',
  'rules.repealed': '规章 本年废止件数',
  'rules.inForce': '规章 现行有效件数',
};

export const REPORT_FIGURE_KEYS = Object.keys(reportFigureLabels) as ReportFigureKey[];

const COUNT = /^\d{1,9}$/;
const DECIMAL = /^\d{1,9}(\.\d{1,6})?$/;

/** Checks one entered value: counts are whole numbers, the fee a decimal in 万元 (H5); '' clears it. */
function figureValue(key: ReportFigureKey, raw: string): string | null {
  const value = raw.trim().replaceAll(',', '');
  if (value === '') return null;
  const ok = key === 'feesTenThousandYuan' ? DECIMAL.test(value) : COUNT.test(value);
  if (!ok)
    throw new AppError(
      'validation',
      `${reportFigureLabels[key]}：${key === 'feesTenThousandYuan' ? '应为非负数（单位万元，最多 6 位小数）' : '应为非负整数'}`,
      {
        fields: { [key]: key === 'feesTenThousandYuan' ? '应为非负数' : '应为非负整数' },
      },
    );
  return String(Number(value));
}

const entrySchema = z.object({
  year: z.coerce.number({ error: '请填写年度' }).int().min(2008, '年度不早于 2008').max(2100),
  source: z
    .string({ error: '请注明数据来源' })
    .trim()
    .min(2, '请注明数据来源（如 某某审批系统导出）')
    .max(200),
  figures: z.partialRecord(
    z.enum(REPORT_FIGURE_KEYS as [ReportFigureKey, ...ReportFigureKey[]]),
    z.union([z.string(), z.number()]),
  ),
});

async function saveFigures(
  trx: Kysely<DB>,
  agencyId: string,
  year: number,
  entries: { key: ReportFigureKey; value: string | null; source: string }[],
  by: string,
  at: string,
): Promise<void> {
  for (const e of entries) {
    const where = trx.deleteFrom('report_figures').where('agency_id', '=', agencyId).where('year', '=', year);
    if (e.value === null) {
      await where.where('key', '=', e.key).execute();
      continue;
    }
    const row = {
      agency_id: agencyId,
      year,
      key: e.key,
      value: e.value,
      source: e.source,
      entered_by: by,
      entered_at: at,
    };
    await trx
      .insertInto('report_figures')
      .values(row)
      .onConflict((oc) =>
        oc
          .columns(['agency_id', 'year', 'key'])
          .doUpdateSet({ value: e.value as string, source: e.source, entered_by: by, entered_at: at }),
      )
      .execute();
  }
}

/** Enters (or clears, with '') an agency's table 2 figures for a year, with their source; audited. */
export async function enterReportFigures(
  ctx: Context,
  actor: Actor,
  agencyId: string,
  raw: unknown,
): Promise<void> {
  const input = parseInput(entrySchema, raw);
  const entries = Object.entries(input.figures).map(([key, v]) => ({
    key: key as ReportFigureKey,
    value: figureValue(key as ReportFigureKey, String(v)),
    source: input.source,
  }));
  if (entries.length === 0)
    throw new AppError('validation', '请至少填写一项数据', { fields: { figures: '请至少填写一项' } });
  await auditedTransaction(ctx, actor, async (trx) => {
    const agency = await trx
      .selectFrom('agencies')
      .select('id')
      .where('id', '=', agencyId)
      .executeTakeFirst();
    if (!agency) throw new AppError('not_found', '机构不存在');
    await saveFigures(
      trx,
      agencyId,
      input.year,
      entries,
      actor.name ?? '未知',
      ctx.clock.now().toISOString(),
    );
    return {
      result: undefined,
      audit: {
        action: 'report.figures_entered',
        objectType: 'agency',
        objectId: agencyId,
        agencyId,
        details: {
          year: input.year,
          source: input.source,
          figures: Object.fromEntries(entries.map((e) => [e.key, e.value])),
        },
      },
    };
  });
}

const CSV_HEADER = ['agency', 'year', 'key', 'value', 'source'];

function csvCells(line: string): string[] {
  const cells: string[] = [];
  for (const m of line.matchAll(/(?:^|,)(?:"((?:[^"]|"")*)"|([^,]*))/g))
    cells.push((m[1]?.replaceAll('""', '"') ?? m[2] ?? '').trim());
  return cells;
}

/**
 * Imports figures exported by other systems: CSV with the header `agency,year,key,value,source` (agency by
 * id or code), all rows or none; returns the number of figures stored.
 */
export async function importReportFigures(ctx: Context, actor: Actor, csv: string): Promise<number> {
  const lines = csv
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '');
  if (csvCells(lines[0] ?? '').join(',') !== CSV_HEADER.join(','))
    throw new AppError('validation', `CSV 第 1 行应为表头 ${CSV_HEADER.join(',')}`);
  const agencies = await ctx.db.selectFrom('agencies').select(['id', 'code']).execute();
  const rows = lines.slice(1).map((line, i) => {
    const [agency = '', year = '', key = '', value = '', source = ''] = csvCells(line);
    const where = `CSV 第 ${i + 2} 行`;
    const found = agencies.find((a) => a.id === agency || a.code === agency);
    if (!found) throw new AppError('validation', `${where}：机构 ${agency} 不存在`);
    if (!/^\d{4}$/.test(year)) throw new AppError('validation', `${where}：年度应为四位数字`);
    if (!REPORT_FIGURE_KEYS.includes(key as ReportFigureKey))
      throw new AppError('validation', `${where}：key 应为 ${REPORT_FIGURE_KEYS.join('、')} 之一`);
    if (source.length < 2) throw new AppError('validation', `${where}：请注明数据来源`);
    const parsed = (() => {
      try {
        return figureValue(key as ReportFigureKey, value);
      } catch (e) {
        throw new AppError('validation', `${where}：${(e as Error).message}`);
      }
    })();
    return { agencyId: found.id, year: Number(year), key: key as ReportFigureKey, value: parsed, source };
  });
  await auditedTransaction(ctx, actor, async (trx) => {
    const at = ctx.clock.now().toISOString();
    for (const r of rows) await saveFigures(trx, r.agencyId, r.year, [r], actor.name ?? '未知', at);
    return {
      result: undefined,
      audit: { action: 'report.figures_imported', details: { rows: rows.length } },
    };
  });
  return rows.length;
}

/** The figures entered for these agencies and year, by agency then key. */
export function listReportFigures(
  db: Kysely<DB>,
  agencyIds: readonly string[],
  year: number,
): Promise<ReportFigure[]> {
  if (agencyIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('report_figures')
    .selectAll()
    .where('agency_id', 'in', agencyIds)
    .where('year', '=', year)
    .orderBy('agency_id')
    .orderBy('key')
    .execute();
}

/** One key summed over the agencies that entered it (in 10⁻⁶ steps, exact); null when none did. */
export function sumFigure(figures: readonly ReportFigure[], key: ReportFigureKey): number | null {
  const mine = figures.filter((f) => f.key === key);
  if (mine.length === 0) return null;
  return mine.reduce((n, f) => n + Math.round(Number(f.value) * 1e6), 0) / 1e6;
}
