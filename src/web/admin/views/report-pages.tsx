import type { AnnualReportStatus, ReportAgency } from '../../../modules/reports';
import { Field, type FormState, PostForm, SelectField, TextAreaField } from './form';
import { AdminLayout, type AdminShell } from './layout';
import { Table } from './table';

// 年度报告 (issue 7): every report the person may see, by agency and year with its status; an editor
// generates an agency's report for a year from the records, or imports an existing one (JSON or the HTML
// of a published report).

export interface ReportListRow {
  id: string;
  agencyName: string;
  year: number;
  status: AnnualReportStatus;
  statusLabel: string;
  updatedBy: string;
  updatedAt: string;
}

export interface ReportListView {
  rows: ReportListRow[];
  agencies: ReportAgency[];
  editable: ReportAgency[]; // the agencies whose reports this person drafts
  defaultYear: number;
  generate?: FormState;
  importState?: FormState;
}

const agencyOptions = (agencies: ReportAgency[]) =>
  agencies.map((a) => ({ value: a.id, label: a.kind === 'district' ? `${a.name}（全区汇总）` : a.name }));

function GenerateForm(props: { view: ReportListView; csrf: string }) {
  const state = props.view.generate ?? {
    values: { agencyId: props.view.editable[0]?.id, year: String(props.view.defaultYear) },
  };
  return (
    <section aria-labelledby="generate-h">
      <h2 id="generate-h">生成年度报告</h2>
      <p class="hint">
        按平台记录生成表二至表四（规范性文件、依申请公开案件、复议诉讼）和第一部分初稿；已有草稿再次生成时刷新数据，保留已撰写的文字。
      </p>
      <PostForm action="/admin/reports" csrf={props.csrf} state={state} label="生成年度报告">
        <SelectField
          name="agencyId"
          label="机构"
          options={agencyOptions(props.view.editable)}
          state={state}
        />
        <Field name="year" label="年度" inputMode="numeric" state={state} hint="报告所述年度，如 2025" />
        <button type="submit">生成</button>
      </PostForm>
    </section>
  );
}

function ImportForm(props: { view: ReportListView; csrf: string }) {
  const state = props.view.importState ?? { values: { agencyId: props.view.editable[0]?.id } };
  return (
    <section aria-labelledby="import-h">
      <h2 id="import-h">导入已有年报</h2>
      <PostForm action="/admin/reports/import" csrf={props.csrf} state={state} label="导入已有年报">
        <SelectField
          name="agencyId"
          label="机构"
          options={agencyOptions(props.view.editable)}
          state={state}
        />
        <TextAreaField
          name="text"
          label="年报内容"
          rows={8}
          state={state}
          hint="粘贴年报 JSON（交换格式），或已发布年报网页的 HTML 源代码；导入后立即校验。"
        />
        <button type="submit">导入</button>
      </PostForm>
    </section>
  );
}

/** The list of reports with the generate and import forms. */
export function ReportListPage(props: AdminShell & { view: ReportListView }) {
  const { view } = props;
  return (
    <AdminLayout {...props} title="年度报告">
      {view.rows.length === 0 ? (
        <p class="empty">尚无年度报告。</p>
      ) : (
        <Table caption="政府信息公开工作年度报告" columns={['机构', '年度', '状态', '最后修改']}>
          {view.rows.map((r) => (
            <tr>
              <td>
                <a href={`/admin/reports/${r.id}`}>{r.agencyName}</a>
              </td>
              <td>{r.year}</td>
              <td>{r.statusLabel}</td>
              <td>
                {r.updatedBy} {r.updatedAt}
              </td>
            </tr>
          ))}
        </Table>
      )}
      {view.editable.length > 0 ? (
        <>
          <GenerateForm view={view} csrf={props.csrf} />
          <ImportForm view={view} csrf={props.csrf} />
        </>
      ) : (
        <p class="hint">年度报告由各单位信息员生成、修改和报审；审核人员在“信息管理”中审核年报信息。</p>
      )}
    </AdminLayout>
  );
}
