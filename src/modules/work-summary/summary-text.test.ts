import { describe, expect, it } from 'vitest';
import type { WorkSummaryFigures } from './summary-figures';
import {
  columnParagraph,
  composeWorkSummary,
  interpretationParagraph,
  PROMPT_OPEN,
  rectificationParagraph,
  reviewParagraph,
  sourceStatusParagraph,
  summaryBodyHtml,
  summaryPlainText,
  taskParagraph,
} from './summary-text';

const busy: WorkSummaryFigures = {
  agencyName: '示范区教育局',
  year: 2023,
  tasks: { total: 12, done: 9, inProgress: 3, late: 1, withoutEvidence: 2 },
  columns: [
    { name: '工作动态', published: 30, updateDays: 14 },
    { name: '政策法规', published: 4, updateDays: 180 },
    { name: '通知公告', published: 0, updateDays: 30 },
    { name: '政府信息公开指南', published: 0, updateDays: null },
  ],
  sourceStatus: { submitted: 40, proactive: 34, onRequest: 4, withheld: 2 },
  review: { signedOff: 36, secrecyReviews: 38, returned: 5, overruled: 1 },
  interpretations: {
    byForm: [
      { label: '文字解读', count: 2 },
      { label: '图解', count: 1 },
    ],
    total: 3,
    policiesPublished: 4,
    policiesWithout: 1,
  },
  rectification: [
    { label: '栏目', opened: 4, closed: 4, excepted: 0, open: 0, rate: 100 },
    { label: '错敏词', opened: 9, closed: 7, excepted: 1, open: 1, rate: 88 },
  ],
};

const quiet: WorkSummaryFigures = {
  ...busy,
  tasks: { total: 0, done: 0, inProgress: 0, late: 0, withoutEvidence: 0 },
  columns: [],
  sourceStatus: { submitted: 0, proactive: 0, onRequest: 0, withheld: 0 },
  review: { signedOff: 0, secrecyReviews: 0, returned: 0, overruled: 0 },
  interpretations: { byForm: [], total: 0, policiesPublished: 0, policiesWithout: 0 },
  rectification: [],
};

describe('work summary paragraphs', () => {
  it.each([
    [
      'tasks with late and unevidenced ones',
      taskParagraph(busy.tasks),
      '全年承接重点工作任务 12 项，已完成 9 项，正在推进 3 项，其中逾期 1 项；2 项尚未上传佐证材料。',
    ],
    ['no tasks', taskParagraph(quiet.tasks), '本年度未承接分解的政务公开重点工作任务。'],
    [
      'every task done with evidence',
      taskParagraph({ total: 3, done: 3, inProgress: 0, late: 0, withoutEvidence: 0 }),
      '已完成 3 项，正在推进 0 项，均已上传佐证材料。',
    ],
    [
      'columns, busiest first, stale ones named, static ones not',
      columnParagraph(busy.columns),
      '全年在门户网站主动公开信息 34 条，4 个栏目中 2 个本年度有更新，其中“工作动态”30 条、“政策法规”4 条；“通知公告”等 1 个应定期更新的栏目全年未更新。',
    ],
    ['no columns', columnParagraph([]), '本单位尚未开设公开栏目。'],
    [
      'source status',
      sourceStatusParagraph(busy.sourceStatus),
      '全年报审公文 40 件，均在报审前认定公开属性：主动公开 34 件、依申请公开 4 件、不予公开 2 件，不予公开的均注明法律依据和理由。',
    ],
    ['nothing submitted', sourceStatusParagraph(quiet.sourceStatus), '本年度无报审公文。'],
    [
      'review with an overrule',
      reviewParagraph(busy.review),
      '全年 36 件信息经三审签发，复审环节完成保密审查 38 次；终审签发前对正文和附件逐一进行错敏词和个人隐私信息检查 36 次，审核中退回修改 5 次，签发领导书面说明理由后放行检查问题 1 次。',
    ],
    [
      'review without overrules',
      reviewParagraph({ ...busy.review, overruled: 0 }),
      '退回修改 5 次，未发生带严重问题签发的情况。',
    ],
    [
      'interpretations by form, one policy without',
      interpretationParagraph(busy.interpretations),
      '全年发布政策解读 3 件，其中文字解读 2 件、图解 1 件；本年度发布政策文件 4 件，尚有 1 件未发布解读。',
    ],
    [
      'every policy interpreted',
      interpretationParagraph({ ...busy.interpretations, policiesWithout: 0 }),
      '本年度发布政策文件 4 件，均同步发布解读。',
    ],
    ['no policies', interpretationParagraph(quiet.interpretations), '本年度未发布需要解读的政策文件。'],
    [
      'rectifications with rates, exceptions out, open ones counted',
      rectificationParagraph(busy.rectification),
      '栏目整改 4 次，整改率 100%；错敏词整改 8 次，整改率 88%。尚有 1 项整改任务未办结。',
    ],
    [
      'all rectified',
      rectificationParagraph([busy.rectification[0] as WorkSummaryFigures['rectification'][number]]),
      '栏目整改 4 次，整改率 100%，均已整改到位。',
    ],
    ['nothing to rectify', rectificationParagraph([]), '本年度全站检查未发现须本单位整改的问题。'],
  ])('%s', (_case, text, expected) => {
    expect(text).toContain(expected);
  });
});

describe('the whole summary', () => {
  it('has the title, the six practices in order, and prompts for problems and next steps', () => {
    const s = composeWorkSummary(busy);
    expect(s.title).toBe('示范区教育局2023年政务公开工作总结');
    expect(s.sections.map((x) => x.heading)).toEqual([
      '',
      '一、工作开展情况',
      '二、存在问题',
      '三、下一步工作考虑',
    ]);
    expect(s.sections[1]?.paragraphs.map((p) => p.slice(0, 4))).toEqual([
      '（一）重',
      '（二）栏',
      '（三）公',
      '（四）规',
      '（五）政',
      '（六）问',
    ]);
    const problems = s.sections[2]?.paragraphs[0] ?? '';
    expect(problems.startsWith(PROMPT_OPEN)).toBe(true);
    expect(problems).toContain(
      '重点工作任务逾期 1 项；1 个栏目全年未更新；1 件政策文件未同步解读；1 项整改任务未办结；1 次带检查问题签发',
    );
    expect(s.sections[3]?.paragraphs[0]).toContain(PROMPT_OPEN);
  });

  it('asks for problems without hints when the records show none', () => {
    const problems = composeWorkSummary(quiet).sections[2]?.paragraphs[0] ?? '';
    expect(problems).toBe(`${PROMPT_OPEN}存在的主要问题及原因】`);
  });

  it('prints as text and as an escaped item body', () => {
    const s = composeWorkSummary({ ...busy, agencyName: '示范区<教育>局' });
    expect(summaryPlainText(s).split('\n\n')[0]).toBe('示范区<教育>局2023年政务公开工作总结');
    const html = summaryBodyHtml(s);
    expect(html).toContain('<h2>一、工作开展情况</h2>');
    expect(html).toContain('示范区&lt;教育&gt;局');
    expect(html).not.toContain('<教育>');
  });
});
