import {
  AlignmentType,
  Document,
  HeadingLevel,
  type IFontAttributesProperties,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { InspectionReport } from './inspection-report';
import { verdictOf } from './inspection-report';

// The inspection report as Word (docx, architecture.md "documents out"): title, verdict and score, veto
// items first, deductions, early warnings, then the findings grouped by indicator in a table each —
// a readable report the office can amend and file, not the GB/T 9704 letter layout.

const FONT: IFontAttributesProperties = {
  eastAsia: '仿宋_GB2312',
  ascii: 'FangSong',
  hAnsi: 'FangSong',
  hint: 'eastAsia',
};
const TITLE_FONT: IFontAttributesProperties = {
  eastAsia: '方正小标宋简体',
  ascii: 'SimSun',
  hAnsi: 'SimSun',
  hint: 'eastAsia',
};

const text = (t: string, bold = false) =>
  new Paragraph({ children: [new TextRun({ text: t, font: FONT, size: 28, bold })] });
const heading = (t: string) =>
  new Paragraph({
    heading: HeadingLevel.HEADING_2,
    children: [new TextRun({ text: t, font: FONT, size: 30, bold: true })],
  });

function cell(t: string, header = false): TableCell {
  return new TableCell({
    children: [new Paragraph({ children: [new TextRun({ text: t, font: FONT, size: 21, bold: header })] })],
  });
}

function findingsTable(group: InspectionReport['groups'][number]): Table {
  const header = new TableRow({
    tableHeader: true,
    children: ['序号', '责任单位', '类别', '问题', '状态'].map((h) => cell(h, true)),
  });
  const rows = group.findings.map(
    (f, i) =>
      new TableRow({
        children: [
          cell(String(i + 1)),
          cell(f.agencyName),
          cell(f.kindLabel),
          cell(f.message),
          cell(f.excepted ? '已认定例外' : f.severityLabel),
        ],
      }),
  );
  return new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: [header, ...rows] });
}

/** The title of an inspection's report. */
export function reportTitle(siteName: string, report: InspectionReport): string {
  return `${siteName}全站检查报告（${report.inspection.started_at.slice(0, 10)}）`;
}

/** The report as a .docx buffer. */
export async function renderReportDocx(siteName: string, report: InspectionReport): Promise<Buffer> {
  const { summary } = report;
  const title = reportTitle(siteName, report);
  const children: (Paragraph | Table)[] = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      children: [new TextRun({ text: title, font: TITLE_FONT, size: 44 })],
    }),
    text(
      `检查时间：${report.inspection.started_at}　触发方式：${report.inspection.trigger === 'manual' ? '手动' : '定时'}`,
    ),
    text(`检查结论：${verdictOf(summary)}；扣分指标得分 ${summary.score} 分（满分100分）`, true),
    text('依据：国务院办公厅秘书局《政府网站与政务新媒体检查指标》（国办秘函〔2019〕19号）'),
    heading('一、单项否决指标'),
    ...(summary.vetoes.length
      ? summary.vetoes.map((v, i) => text(`${i + 1}. ${v.name}：${v.reason}（${v.findings} 项）`))
      : [text('未发现单项否决问题。')]),
    heading('二、扣分指标'),
    ...(summary.deductions.length
      ? summary.deductions.map((d, i) => text(`${i + 1}. ${d.name}：${d.count} 项，扣 ${d.points} 分`))
      : [text('未发现扣分问题。')]),
    heading('三、预警'),
    ...(summary.earlyWarnings.length
      ? summary.earlyWarnings.map((w, i) => text(`${i + 1}. ${w}`))
      : [text('无。')]),
    heading('四、问题清单'),
  ];
  for (const group of report.groups) {
    children.push(
      text(`${group.veto ? '【单项否决】' : ''}${group.name}（${group.findings.length} 项）`, true),
    );
    children.push(findingsTable(group));
  }
  if (report.groups.length === 0) children.push(text('无。'));
  const doc = new Document({
    title,
    creator: siteName,
    styles: { default: { document: { run: { font: FONT, size: 28 } } } },
    sections: [{ children }],
  });
  return Packer.toBuffer(doc);
}
