import { KEY_TASK_DEFINITION, type KeyTaskRow } from './key-tasks';
import { LETTER_DEFINITION, type LetterRow } from './letters';
import { agencyChart, agencyTable, type MetricSection } from './metric-table';

// The mailbox and key-task sections of the supervisor's view. Their 合计 rows come from the modules'
// own whole-scope figures (an average handling time cannot be summed).

const pct = (n: number | null) => ({ percent: n });

/** Letters received, answered on time, overdue, handling time and satisfaction, per department. */
export function presentLetters(result: { rows: LetterRow[]; total: LetterRow | null }): MetricSection {
  return {
    id: 'letters',
    title: '部门信箱办理',
    sheetName: '部门信箱',
    definition: LETTER_DEFINITION,
    note: null,
    table: agencyTable(
      result.rows,
      [
        { header: '收到来信', cell: (r) => r.received },
        { header: '答复', cell: (r) => r.answered },
        { header: '按期答复', cell: (r) => r.answeredOnTime },
        { header: '逾期答复', cell: (r) => r.late },
        { header: '按期答复率', cell: (r) => pct(r.rate) },
        { header: '逾期未答复', cell: (r) => r.overdueOpen },
        { header: '平均办理工作日', cell: (r) => r.averageWorkingDays },
        { header: '满意', cell: (r) => r.satisfied },
        { header: '基本满意', cell: (r) => r.basicallySatisfied },
        { header: '不满意', cell: (r) => r.dissatisfied },
      ],
      result.total,
    ),
    chart: agencyChart('部门信箱办理（件）', result.rows, [
      { name: '收到来信', value: (r) => r.received },
      { name: '按期答复', value: (r) => r.answeredOnTime, tone: 'good' },
      { name: '逾期答复', value: (r) => r.late, tone: 'warn' },
      { name: '逾期未答复', value: (r) => r.overdueOpen, tone: 'bad' },
    ]),
  };
}

/** Key-task progress per department for the year's list. */
export function presentKeyTasks(result: {
  year: number;
  rows: KeyTaskRow[];
  total: KeyTaskRow | null;
}): MetricSection {
  return {
    id: 'key-tasks',
    title: `重点工作推进（${result.year}年清单）`,
    sheetName: '重点工作',
    definition: KEY_TASK_DEFINITION,
    note: result.total?.total ? null : `${result.year}年重点工作清单尚无分解到所选单位的任务。`,
    table: agencyTable(
      result.rows,
      [
        { header: '任务数', cell: (r) => r.total },
        { header: '已完成', cell: (r) => r.done },
        { header: '推进中', cell: (r) => r.inProgress },
        { header: '逾期', cell: (r) => r.late },
        { header: '无佐证', cell: (r) => r.withoutEvidence },
        { header: '完成率', cell: (r) => pct(r.rate) },
      ],
      result.total,
    ),
    chart: agencyChart(
      `重点工作推进（${result.year}年，项）`,
      result.rows,
      [
        { name: '已完成', value: (r) => r.done, tone: 'good' },
        { name: '推进中', value: (r) => r.inProgress },
        { name: '逾期', value: (r) => r.late, tone: 'bad' },
      ],
      true,
    ),
  };
}
