import { disclosureBases, disclosureLabels } from '../documents';
import { rectificationRate } from '../inspections';
import type { ApplicationRow } from './application-timeliness';
import { APPLICATION_DEFINITION } from './application-timeliness';
import { DISCLOSURE_RATE_DEFINITION, type DisclosureRow } from './disclosure-rate';
import { presentKeyTasks, presentLetters } from './follow-up.presenter';
import { FRESHNESS_DEFINITION, type FreshnessResult } from './freshness';
import { INTERPRETATION_DEFINITION, type InterpretationRow } from './interpretation-coverage';
import { agencyChart, agencyTable, type MetricSection, totalRow } from './metric-table';
import type { OversightReport } from './oversight.service';
import { presentPublications } from './publications.presenter';
import { RECTIFICATION_DEFINITION, type RectificationRow } from './rectification';
import { percent } from './scope';

// The report as sections of the page and sheets of the workbook, in the order of the issue: publishing,
// 主动公开率, 政策解读, 依申请公开, 部门信箱, 整改, 栏目更新, 重点工作.

const pct = (n: number | null) => ({ percent: n });

/** 主动公开率 per department, and the legal bases of what was not proactively disclosed. */
export function presentDisclosure(rows: DisclosureRow[]): MetricSection[] {
  const total = totalRow(rows, ['documents', 'proactive', 'onRequest', 'withheld', 'unset'], (s) => ({
    rate: percent(s.proactive, s.proactive + s.onRequest + s.withheld),
  }));
  const table = agencyTable(
    rows,
    [
      { header: '公文数', cell: (r) => r.documents },
      { header: disclosureLabels.proactive, cell: (r) => r.proactive },
      { header: disclosureLabels.on_request, cell: (r) => r.onRequest },
      { header: disclosureLabels.withheld, cell: (r) => r.withheld },
      { header: '未认定', cell: (r) => r.unset },
      { header: '主动公开率', cell: (r) => pct(r.rate) },
    ],
    total,
  );
  const bases = new Map<string, number>();
  for (const r of rows) for (const [k, n] of Object.entries(r.bases)) bases.set(k, (bases.get(k) ?? 0) + n);
  const basisLabel = (k: string) => disclosureBases[k as keyof typeof disclosureBases] ?? k;
  return [
    {
      id: 'disclosure',
      title: '公文主动公开率',
      sheetName: '主动公开率',
      definition: DISCLOSURE_RATE_DEFINITION,
      note: null,
      table,
      chart: agencyChart(
        '公文公开属性（件）',
        rows,
        [
          { name: disclosureLabels.proactive, value: (r) => r.proactive, tone: 'good' },
          { name: disclosureLabels.on_request, value: (r) => r.onRequest },
          { name: disclosureLabels.withheld, value: (r) => r.withheld },
          { name: '未认定', value: (r) => r.unset, tone: 'bad' },
        ],
        true,
      ),
    },
    {
      id: 'disclosure-bases',
      title: '非主动公开公文的依据',
      sheetName: '非主动公开依据',
      definition: '依申请公开、不予公开的公文按认定时所选法律依据计数（国办发〔2016〕80号 §一(一)）。',
      note: bases.size ? null : '本期没有非主动公开的公文。',
      table: {
        columns: ['依据', '件数'],
        rows: [...bases.entries()].sort((a, b) => b[1] - a[1]).map(([k, n]) => [basisLabel(k), n]),
        total: null,
      },
      chart: null,
    },
  ];
}

/** Policies and their interpretations per department. */
export function presentInterpretations(rows: InterpretationRow[]): MetricSection {
  const total = totalRow(rows, ['policies', 'interpreted', 'missing', 'overdue', 'interpretations'], (s) => ({
    rate: percent(s.interpreted, s.policies),
  }));
  return {
    id: 'interpretations',
    title: '政策解读',
    sheetName: '政策解读',
    definition: INTERPRETATION_DEFINITION,
    note: null,
    table: agencyTable(
      rows,
      [
        { header: '需解读政策', cell: (r) => r.policies },
        { header: '已解读', cell: (r) => r.interpreted },
        { header: '未解读', cell: (r) => r.missing },
        { header: '其中逾期', cell: (r) => r.overdue },
        { header: '已发布解读篇数', cell: (r) => r.interpretations },
        { header: '解读率', cell: (r) => pct(r.rate) },
      ],
      total,
    ),
    chart: agencyChart(
      '政策与解读（件）',
      rows,
      [
        { name: '已解读', value: (r) => r.interpreted, tone: 'good' },
        { name: '未解读', value: (r) => r.missing, tone: 'bad' },
      ],
      true,
    ),
  };
}

/** Applications received, answered on time or late, open and overdue, per department. */
export function presentApplications(rows: ApplicationRow[]): MetricSection {
  const total = totalRow(rows, ['received', 'answered', 'onTime', 'late', 'openNow', 'overdueNow'], (s) => ({
    rate: percent(s.onTime, s.answered),
  }));
  return {
    id: 'applications',
    title: '依申请公开办理',
    sheetName: '依申请公开',
    definition: APPLICATION_DEFINITION,
    note: null,
    table: agencyTable(
      rows,
      [
        { header: '收到申请', cell: (r) => r.received },
        { header: '答复', cell: (r) => r.answered },
        { header: '按期答复', cell: (r) => r.onTime },
        { header: '逾期答复', cell: (r) => r.late },
        { header: '按期答复率', cell: (r) => pct(r.rate) },
        { header: '未办结', cell: (r) => r.openNow },
        { header: '逾期未办结', cell: (r) => r.overdueNow },
      ],
      total,
    ),
    chart: agencyChart('依申请公开办理（件）', rows, [
      { name: '收到申请', value: (r) => r.received },
      { name: '按期答复', value: (r) => r.onTime, tone: 'good' },
      { name: '逾期答复', value: (r) => r.late, tone: 'warn' },
      { name: '逾期未办结', value: (r) => r.overdueNow, tone: 'bad' },
    ]),
  };
}

/** Rectification tasks and the 整改率, per department. */
export function presentRectification(rows: RectificationRow[]): MetricSection {
  const total = totalRow(rows, ['opened', 'closed', 'excepted', 'open', 'overdue'], (s) => ({
    rate: rectificationRate(s),
  }));
  return {
    id: 'rectification',
    title: '检查问题整改',
    sheetName: '整改情况',
    definition: RECTIFICATION_DEFINITION,
    note: null,
    table: agencyTable(
      rows,
      [
        { header: '下发整改', cell: (r) => r.opened },
        { header: '已整改', cell: (r) => r.closed },
        { header: '认定例外', cell: (r) => r.excepted },
        { header: '未整改', cell: (r) => r.open },
        { header: '其中逾期', cell: (r) => r.overdue },
        { header: '整改率', cell: (r) => pct(r.rate) },
      ],
      total,
    ),
    chart: agencyChart(
      '检查问题整改（项）',
      rows,
      [
        { name: '已整改', value: (r) => r.closed, tone: 'good' },
        { name: '认定例外', value: (r) => r.excepted, tone: 'muted' },
        { name: '未整改', value: (r) => r.open, tone: 'bad' },
      ],
      true,
    ),
  };
}

/** Column freshness as the latest inspection found it, per department. */
export function presentFreshness(result: FreshnessResult): MetricSection {
  const rows = result.rows;
  const total = totalRow(rows, ['columns', 'stale', 'warned', 'blank', 'failing'], (s) => ({
    rate: percent(s.columns - s.failing, s.columns),
  }));
  const inspected = result.inspectedAt
    ? `依据 ${result.inspectedAt.slice(0, 10)} 完成的全站检查。`
    : '统计期间截止前没有完成的全站检查，无法评价栏目更新情况。';
  return {
    id: 'freshness',
    title: '栏目更新情况',
    sheetName: '栏目更新',
    definition: FRESHNESS_DEFINITION,
    note: inspected,
    table: agencyTable(
      rows,
      [
        { header: '考核栏目', cell: (r) => r.columns },
        { header: '超期未更新', cell: (r) => r.stale },
        { header: '临近超期', cell: (r) => r.warned },
        { header: '空白栏目', cell: (r) => r.blank },
        { header: '按期更新率', cell: (r) => pct(r.rate) },
      ],
      total,
    ),
    chart: agencyChart(
      '栏目更新（个）',
      rows,
      [
        { name: '超期未更新', value: (r) => r.stale, tone: 'bad' },
        { name: '临近超期', value: (r) => r.warned, tone: 'muted' },
        { name: '空白栏目', value: (r) => r.blank, tone: 'warn' },
      ],
      true,
    ),
  };
}

/** Every section of the report, in page order. */
export function presentOversight(report: OversightReport): MetricSection[] {
  return [
    presentPublications(report.publications),
    ...presentDisclosure(report.disclosure),
    presentInterpretations(report.interpretations),
    presentApplications(report.applications),
    presentLetters(report.letters),
    presentRectification(report.rectification),
    presentFreshness(report.freshness),
    presentKeyTasks(report.keyTasks),
  ];
}
