import type { ComparedFigure, ComparedTable } from '../../../modules/reports';
import { AdminLayout, type AdminShell } from './layout';

// 同比对照: last year's report beside this year's for tables 2–4, with the difference and the change in
// per cent (shown only where last year's figure is above zero). "/" is a missing cell, never zero.

export interface ReportCompareView {
  reportId: string;
  agencyName: string;
  year: number;
  hasPrevious: boolean;
  tables: ComparedTable[];
}

const cell = (v: number | null) => (v === null ? '/' : String(v));
const signed = (v: number | null) => (v === null ? '/' : v > 0 ? `+${v}` : String(v));
const percent = (v: number | null) => (v === null ? '—' : `${v > 0 ? '+' : ''}${v}%`);

function ComparedRows(props: { table: ComparedTable; year: number }) {
  return (
    <table class="report-compare">
      <caption>{props.table.caption}</caption>
      <thead>
        <tr>
          <th scope="col">项目</th>
          <th scope="col">{props.year - 1} 年</th>
          <th scope="col">{props.year} 年</th>
          <th scope="col">增减</th>
          <th scope="col">增减幅度</th>
        </tr>
      </thead>
      <tbody>
        {props.table.rows.map((r: ComparedFigure) => (
          <tr>
            <th scope="row">{r.label}</th>
            <td>{cell(r.previous)}</td>
            <td>{cell(r.current)}</td>
            <td>{signed(r.difference)}</td>
            <td>{percent(r.percent)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The year-on-year comparison page. */
export function ReportComparePage(props: AdminShell & { view: ReportCompareView }) {
  const { view } = props;
  return (
    <AdminLayout {...props} title={`${view.agencyName}${view.year}年度报告与上年对照`}>
      <p>
        <a href={`/admin/reports/${view.reportId}`}>返回年度报告</a>
      </p>
      {!view.hasPrevious && (
        <p class="notice" role="status">
          平台中没有 {view.year - 1} 年度的报告，上年数据显示为“/”。可在年度报告页导入上年已发布的年报。
        </p>
      )}
      {view.tables.map((t) => (
        <ComparedRows table={t} year={view.year} />
      ))}
      <p class="hint">增减幅度 = 增减 ÷ 上年数，上年为 0 或缺失时不计算（“—”）。</p>
    </AdminLayout>
  );
}
