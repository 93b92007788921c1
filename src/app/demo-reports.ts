import type { Context } from '../core/context';
import { actorOf } from '../modules/accounts';
import { systemActor } from '../modules/audit';
import { reviewStep } from '../modules/documents';
import {
  enterReportFigures,
  generateStoredReport,
  loadStoredReport,
  saveReportNarrative,
  submitStoredReport,
} from '../modules/reports';
import { authorPrincipal } from '../modules/work-summary';

// Demo annual reports (issue 7): 区经信局's 2025 report generated from the demo records, written, and taken
// through its 三审 to publication in its 政府信息公开年报 column — the same services the back office uses —
// and 区财政局's 2025 report left as a draft for the officer to finish. Fictional figures only.

const YEAR = 2025;

/** Adds the demo reports; `agencyIds` maps demo agency codes to ids. */
export async function addDemoReports(ctx: Context, agencyIds: Map<string, string>): Promise<void> {
  const jxj = agencyIds.get('jxj') ?? '';
  const czj = agencyIds.get('czj') ?? '';
  const editor = await authorPrincipal(ctx, 'jxj.editor');
  const as = (p: typeof editor) => actorOf(p, '127.0.0.1', 'demo-loader');
  await enterReportFigures(ctx, systemActor('demo-loader'), jxj, {
    year: YEAR,
    source: '演示数据：区政务服务网审批系统、行政执法平台 2026-01-08 导出',
    figures: { licensing: '326', penalty: '41', enforcement: '3', feesTenThousandYuan: '0' },
  });
  const id = await generateStoredReport(ctx, as(editor), { agencyId: jxj, year: YEAR });
  const drafted = await loadStoredReport(ctx, editor, id);
  await saveReportNarrative(ctx, as(editor), drafted, {
    overview: drafted.report.narrative.overview,
    problems:
      '一是部分栏目更新不够及时；二是政策解读形式较为单一。下一步将建立栏目周检查制度，增加图解、问答等解读形式。',
    other: drafted.report.narrative.other || '本年度未收取信息处理费。',
  });
  const item = await submitStoredReport(ctx, editor, as(editor), await loadStoredReport(ctx, editor, id));
  for (const username of ['jxj.chief', 'jxj.office', 'jxj.leader']) {
    const reviewer = await authorPrincipal(ctx, username);
    const current = await ctx.db
      .selectFrom('items')
      .selectAll()
      .where('id', '=', item.id)
      .executeTakeFirstOrThrow();
    await reviewStep(ctx, reviewer, as(reviewer), current, 'approve', {
      opinion: '同意',
      secrecyChecked: true,
    });
  }
  await loadStoredReport(ctx, editor, id); // the report follows its item to 已发布
  await generateStoredReport(ctx, systemActor('demo-loader'), { agencyId: czj, year: YEAR });
}
