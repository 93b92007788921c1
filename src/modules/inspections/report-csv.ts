import type { InspectionReport } from './inspection-report';

// The findings of a report as CSV rows (the web layer writes them with its formula-safe toCsvLine).

export const reportCsvHeader = [
  '指标',
  '是否否决',
  '严重程度',
  '责任单位',
  '类别',
  '对象类型',
  '对象',
  '问题',
  '整改任务',
  '例外',
];

/** One row per finding, veto groups first, in the report's order. */
export function reportCsvRows(report: InspectionReport): string[][] {
  return report.groups.flatMap((g) =>
    g.findings.map((f) => [
      g.name,
      g.veto ? '是' : '否',
      f.severityLabel,
      f.agencyName,
      f.kindLabel,
      f.objectType,
      f.objectId,
      f.message,
      f.taskId ?? '',
      f.excepted ? '是' : '',
    ]),
  );
}
