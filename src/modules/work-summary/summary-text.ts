import type {
  ColumnFigure,
  InterpretationFigures,
  KeyTaskFigures,
  RectificationGroupFigure,
  ReviewFigures,
  WorkSummaryFigures,
} from './summary-figures';

// The work summary (工作总结) as text: 工作开展情况 by practice (product.md "What it does" 1–6), then
// 存在问题 and 下一步工作考虑 as prompts for the officer, who edits the draft before it goes through 三审.
// Pure: figures in, sections out. Every number comes from the figures; nothing is invented.

export interface SummarySection {
  heading: string;
  paragraphs: string[];
}

export interface ComposedSummary {
  title: string;
  sections: SummarySection[];
}

/** Marks text the officer must write or confirm before submitting the draft. */
export const PROMPT_OPEN = '【请填写：';

const prompt = (text: string) => `${PROMPT_OPEN}${text}】`;

/** The paragraph on the key-task list (重点工作清单: tasks decomposed to offices, done, late, evidence). */
export function taskParagraph(t: KeyTaskFigures): string {
  if (t.total === 0) return '本年度未承接分解的政务公开重点工作任务。';
  const late = t.late > 0 ? `，其中逾期 ${t.late} 项` : '';
  const evidence = t.withoutEvidence > 0 ? `；${t.withoutEvidence} 项尚未上传佐证材料` : '，均已上传佐证材料';
  return `对照政务公开重点工作清单，将任务分解到科室、明确责任人和完成时限，全年承接重点工作任务 ${t.total} 项，已完成 ${t.done} 项，正在推进 ${t.inProgress} 项${late}${evidence}。`;
}

const staleColumns = (columns: ColumnFigure[]) =>
  columns.filter((c) => c.updateDays !== null && c.published === 0);

/** The paragraph on column maintenance: items per column, columns updated. */
export function columnParagraph(columns: ColumnFigure[]): string {
  const total = columns.reduce((n, c) => n + c.published, 0);
  if (columns.length === 0) return '本单位尚未开设公开栏目。';
  const updated = columns.filter((c) => c.published > 0);
  const per = [...updated]
    .sort((a, b) => b.published - a.published)
    .map((c) => `“${c.name}”${c.published} 条`)
    .join('、');
  const stale = staleColumns(columns);
  const staleText = stale.length
    ? `；${stale.map((c) => `“${c.name}”`).join('、')}等 ${stale.length} 个应定期更新的栏目全年未更新`
    : '';
  const head = `全年在门户网站主动公开信息 ${total} 条，${columns.length} 个栏目中 ${updated.length} 个本年度有更新`;
  return `${head}${per ? `，其中${per}` : ''}${staleText}。`;
}

/** The paragraph on 公文公开属性源头认定. */
export function sourceStatusParagraph(s: WorkSummaryFigures['sourceStatus']): string {
  if (s.submitted === 0) return '本年度无报审公文。';
  const withheld = s.withheld > 0 ? '，不予公开的均注明法律依据和理由' : '';
  return `落实公文公开属性源头认定制度，全年报审公文 ${s.submitted} 件，均在报审前认定公开属性：主动公开 ${s.proactive} 件、依申请公开 ${s.onRequest} 件、不予公开 ${s.withheld} 件${withheld}。`;
}

/** The paragraph on 三审 and the pre-publication secrecy and compliance review. */
export function reviewParagraph(r: ReviewFigures): string {
  if (r.signedOff === 0 && r.returned === 0) return '本年度无经审核签发的信息。';
  const overruled =
    r.overruled > 0
      ? `，签发领导书面说明理由后放行检查问题 ${r.overruled} 次`
      : '，未发生带严重问题签发的情况';
  return `严格执行“先审查、后公开”和初审、复审、终审三审制度，全年 ${r.signedOff} 件信息经三审签发，复审环节完成保密审查 ${r.secrecyReviews} 次；终审签发前对正文和附件逐一进行错敏词和个人隐私信息检查 ${r.signedOff} 次，审核中退回修改 ${r.returned} 次${overruled}。`;
}

/** The paragraph on 政策解读 by form. */
export function interpretationParagraph(i: InterpretationFigures): string {
  if (i.total === 0 && i.policiesPublished === 0) return '本年度未发布需要解读的政策文件。';
  const forms = i.byForm.map((f) => `${f.label} ${f.count} 件`).join('、');
  const head = `全年发布政策解读 ${i.total} 件${forms ? `，其中${forms}` : ''}`;
  const sync =
    i.policiesWithout > 0
      ? `；本年度发布政策文件 ${i.policiesPublished} 件，尚有 ${i.policiesWithout} 件未发布解读`
      : i.policiesPublished > 0
        ? `；本年度发布政策文件 ${i.policiesPublished} 件，均同步发布解读`
        : '';
  return `${head}${sync}。`;
}

/** The paragraph on 整改 by kind, with the rate. */
export function rectificationParagraph(groups: RectificationGroupFigure[]): string {
  const due = groups.filter((g) => g.opened - g.excepted > 0);
  if (due.length === 0) return '本年度全站检查未发现须本单位整改的问题。';
  const parts = due.map((g) => `${g.label}整改 ${g.opened - g.excepted} 次，整改率 ${g.rate}%`).join('；');
  const open = groups.reduce((n, g) => n + g.open, 0);
  const tail = open > 0 ? `。尚有 ${open} 项整改任务未办结` : '，均已整改到位';
  return `针对全站检查发现的问题逐项整改：${parts}${tail}。`;
}

/** Hints for 存在问题 drawn from the figures; the officer keeps, rewrites or drops them. */
export function problemHints(f: WorkSummaryFigures): string[] {
  const hints: string[] = [];
  if (f.tasks.late > 0) hints.push(`重点工作任务逾期 ${f.tasks.late} 项`);
  const stale = staleColumns(f.columns);
  if (stale.length > 0) hints.push(`${stale.length} 个栏目全年未更新`);
  if (f.interpretations.policiesWithout > 0)
    hints.push(`${f.interpretations.policiesWithout} 件政策文件未同步解读`);
  const open = f.rectification.reduce((n, g) => n + g.open, 0);
  if (open > 0) hints.push(`${open} 项整改任务未办结`);
  if (f.review.overruled > 0) hints.push(`${f.review.overruled} 次带检查问题签发`);
  return hints;
}

/** The whole summary: title, 一 工作开展情况 (six practices), 二 存在问题, 三 下一步工作考虑. */
export function composeWorkSummary(f: WorkSummaryFigures): ComposedSummary {
  const hints = problemHints(f);
  return {
    title: `${f.agencyName}${f.year}年政务公开工作总结`,
    sections: [
      {
        heading: '',
        paragraphs: [
          `${f.year}年，${f.agencyName}深入贯彻《中华人民共和国政府信息公开条例》，对照年度政务公开工作要点，扎实推进各项工作。现将全年工作总结如下。`,
        ],
      },
      {
        heading: '一、工作开展情况',
        paragraphs: [
          `（一）重点工作清单和责任落实。${taskParagraph(f.tasks)}`,
          `（二）栏目维护。${columnParagraph(f.columns)}`,
          `（三）公文公开属性源头认定。${sourceStatusParagraph(f.sourceStatus)}`,
          `（四）规范流程和保密审查。${reviewParagraph(f.review)}`,
          `（五）政策解读。${interpretationParagraph(f.interpretations)}`,
          `（六）问题整改。${rectificationParagraph(f.rectification)}`,
        ],
      },
      {
        heading: '二、存在问题',
        paragraphs: [
          prompt(
            hints.length
              ? `存在的主要问题。平台记录显示：${hints.join('；')}，请据实分析原因`
              : '存在的主要问题及原因',
          ),
        ],
      },
      {
        heading: '三、下一步工作考虑',
        paragraphs: [prompt('下一年度的工作打算和改进措施')],
      },
    ],
  };
}

/** The summary as plain text (the CLI's output). */
export function summaryPlainText(s: ComposedSummary): string {
  const blocks = [s.title, ...s.sections.flatMap((sec) => [sec.heading, ...sec.paragraphs].filter(Boolean))];
  return `${blocks.join('\n\n')}\n`;
}

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The summary as the body of a disclosure item (headings and paragraphs, escaped). */
export function summaryBodyHtml(s: ComposedSummary): string {
  return s.sections
    .flatMap((sec) => [
      ...(sec.heading ? [`<h2>${escapeHtml(sec.heading)}</h2>`] : []),
      ...sec.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`),
    ])
    .join('\n');
}
