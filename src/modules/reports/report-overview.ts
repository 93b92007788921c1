import { rectificationSentence } from '../inspections';
import type { OverviewFigures } from './report-queries';
import type { AnnualReport } from './report-schema';

// The drafts of sections 一 and 六 written from the computed figures, for the officer to edit. Section 一
// follows the five sub-headings of 30号 (law-and-formats.md §2.1): 主动公开, 依申请公开, 政府信息管理,
// 政府信息公开平台建设, 监督保障. Every figure that is also in a table is written so that S2 can check it.

const total = (r: AnnualReport, row: keyof AnnualReport['applications']) => r.applications[row][6] ?? 0;

function proactiveParagraph(r: AnnualReport, f: OverviewFigures): string {
  const n = r.proactive.normativeDocuments;
  const forms = f.interpretations.map((i) => `${i.label}${i.count}篇`).join('、');
  const readings = f.interpretations.reduce((s, i) => s + i.count, 0);
  const published =
    `${r.year}年，${r.agency}通过政府信息公开平台主动公开政府信息${f.itemsPublished}条，` +
    `制发行政规范性文件${n.issued ?? 0}件，废止行政规范性文件${n.repealed ?? 0}件，` +
    `现行有效行政规范性文件${n.inForce ?? 0}件`;
  return readings > 0
    ? `${published}，发布政策解读${readings}篇（${forms}）。`
    : `${published}。本年度未发布政策解读。`;
}

function requestParagraph(r: AnnualReport): string {
  const refused = total(r, 'total') - total(r, 'disclosed') - total(r, 'partiallyDisclosed');
  return (
    `${r.year}年，共收到政府信息公开申请${total(r, 'newReceived')}件，上年结转${total(r, 'carriedOver')}件；` +
    `办结${total(r, 'total')}件，其中予以公开${total(r, 'disclosed')}件、部分公开${total(r, 'partiallyDisclosed')}件、` +
    `其他情形${refused}件；结转下年度继续办理${total(r, 'carriedForward')}件。`
  );
}

function managementParagraph(f: OverviewFigures): string {
  const s = f.sourceStatus;
  return (
    `落实公文公开属性源头认定，报审公文${s.submitted}件均明确公开属性（主动公开${s.proactive}件、` +
    `依申请公开${s.onRequest}件、不予公开${s.withheld}件）；严格执行“三审”制度，发布前完成保密审查${f.secrecyReviews}次。`
  );
}

function platformParagraph(f: OverviewFigures): string {
  const sentence = rectificationSentence(f.rectifications);
  return `政府信息公开专栏本年度有${f.columnsUpdated}个栏目更新内容；开展全站检查，${sentence}。`;
}

function oversightParagraph(r: AnnualReport): string {
  const a = r.appeals;
  const litigation = (a.litigationDirect.total ?? 0) + (a.litigationAfterReconsideration.total ?? 0);
  return `全年发生政府信息公开行政复议${a.reconsideration.total ?? 0}件、行政诉讼${litigation}件。`;
}

/** The draft of 一、总体情况 for the computed tables and figures. */
export function draftOverview(r: AnnualReport, f: OverviewFigures): string {
  return [
    '（一）主动公开',
    proactiveParagraph(r, f),
    '（二）依申请公开',
    requestParagraph(r),
    '（三）政府信息管理',
    managementParagraph(f),
    '（四）政府信息公开平台建设',
    platformParagraph(f),
    '（五）监督保障',
    oversightParagraph(r),
  ].join('\n');
}

/** The fee sentence of 六、其他需要报告的事项 (信息处理费, 国办函〔2020〕109号), in yuan. */
export function feeSentence(fees: { yuan: number; cases: number }): string {
  if (fees.yuan <= 0) return '本年度未收取信息处理费。';
  return `本年度依据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）收取信息处理费${fees.yuan}元，涉及申请${fees.cases}件。`;
}
