import type { ReportFinding, ReportPageFacts, StoredReport } from '../../../modules/reports';
import { ActionButton, Field, type FormState, PostForm, TextAreaField } from './form';
import { AdminLayout, type AdminShell } from './layout';
import { Table } from './table';

// One annual report: its status and 年报 item, the checks (H1–H5 errors, S1–S5 warnings), the six sections
// and three tables exactly as the published page shows them, and — for the agency's editors while it is a
// draft — the forms for the narrative, the table 2 figures of other systems, regeneration and 提交审核.

export interface ReportPageView extends ReportPageFacts {
  stored: StoredReport;
  notice?: string;
  narrative?: FormState;
  figureState?: FormState;
  actionError?: string;
}

function Findings(props: { caption: string; findings: ReportFinding[]; empty: string }) {
  if (props.findings.length === 0) return props.empty ? <p>{props.empty}</p> : null;
  return (
    <Table caption={props.caption} columns={['规则', '位置', '说明']} class="findings">
      {props.findings.map((f) => (
        <tr>
          <td>{f.rule}</td>
          <td>{f.where}</td>
          <td>{f.message}</td>
        </tr>
      ))}
    </Table>
  );
}

function Checks(props: { view: ReportPageView }) {
  const { check, hasPrevious } = props.view;
  return (
    <section aria-labelledby="checks-h">
      <h2 id="checks-h">校验结果</h2>
      <p role="status">
        {check.errors.length === 0
          ? '勾稽关系（H1–H5）全部通过。'
          : `发现 ${check.errors.length} 处错误（H1–H5），须改正后才能报审和签发。`}
        {hasPrevious ? '已与上一年度报告比对（S1、S3）。' : '没有上一年度的报告，未做 S1、S3 比对。'}
      </p>
      <Findings caption="错误（须改正）" findings={check.errors} empty="" />
      <Findings caption="提示（请核实）" findings={check.warnings} empty="没有提示。" />
    </section>
  );
}

function Status(props: { view: ReportPageView; csrf: string }) {
  const { view } = props;
  const { row } = view.stored;
  return (
    <section aria-labelledby="status-h">
      <h2 id="status-h">状态</h2>
      <p>
        {view.stored.agency.name} {Number(row.year)} 年度 · {view.statusLabel} · 最后修改 {row.updated_by}{' '}
        {row.updated_at.slice(0, 16).replace('T', ' ')}（UTC）
      </p>
      {view.item && (
        <p>
          年报信息：<a href={`/admin/items/${view.item.id}`}>{view.item.title}</a>
          {view.item.status === 'published' && (
            <>
              {' '}
              · <a href={`/items/${view.item.id}`}>查看发布页面</a>
            </>
          )}
        </p>
      )}
      <p>
        <a href={`/admin/reports/${row.id}/report.docx`}>下载 Word</a> ·{' '}
        <a href={`/admin/reports/${row.id}/report.json`}>下载 JSON</a> ·{' '}
        <a href={`/admin/reports/${row.id}/compare`}>与上年对照</a>
      </p>
      {view.actionError && (
        <p class="form-error" role="alert">
          {view.actionError}
        </p>
      )}
      {view.editable && (
        <p>
          <ActionButton action={`/admin/reports/${row.id}/submit`} csrf={props.csrf} label="提交审核" />
          <ActionButton
            action={`/admin/reports/${row.id}/regenerate`}
            csrf={props.csrf}
            label="按平台数据重新生成"
          />
        </p>
      )}
      {view.pendingDepartments && (
        <p>
          {view.pendingDepartments.length === 0
            ? '所属部门的年度报告均已发布。'
            : `尚未发布本年度报告的部门（${view.pendingDepartments.length} 个）：${view.pendingDepartments.map((d) => d.name).join('、')}`}
        </p>
      )}
    </section>
  );
}

function NarrativeForm(props: { view: ReportPageView; csrf: string }) {
  const n = props.view.stored.report.narrative;
  const state = props.view.narrative ?? { values: { ...n } };
  return (
    <section aria-labelledby="narrative-h">
      <h2 id="narrative-h">修改文字部分</h2>
      <PostForm
        action={`/admin/reports/${props.view.stored.row.id}/narrative`}
        csrf={props.csrf}
        state={state}
        label="修改文字部分"
      >
        <TextAreaField name="overview" label="一、总体情况" rows={10} state={state} hint="每行一段。" />
        <TextAreaField name="problems" label="五、存在的主要问题及改进情况" rows={6} state={state} />
        <TextAreaField
          name="other"
          label="六、其他需要报告的事项"
          rows={4}
          state={state}
          hint="须说明收取信息处理费的情况。"
        />
        <button type="submit">保存文字</button>
      </PostForm>
    </section>
  );
}

const FIGURES = [
  ['licensing', '行政许可 本年处理决定数量'],
  ['penalty', '行政处罚 本年处理决定数量'],
  ['enforcement', '行政强制 本年处理决定数量'],
  ['feesTenThousandYuan', '行政事业性收费 本年收费金额（万元）'],
] as const;

function FiguresForm(props: { view: ReportPageView; csrf: string }) {
  const { view } = props;
  const own = view.figures.filter((f) => f.agency_id === view.stored.row.agency_id);
  const values: Record<string, string> = { source: own[0]?.source ?? '' };
  for (const [key] of FIGURES) values[key] = own.find((f) => f.key === key)?.value ?? '';
  const state = view.figureState ?? { values };
  return (
    <section aria-labelledby="figures-h">
      <h2 id="figures-h">录入表二数据</h2>
      <p class="hint">以下数据来自审批、执法、财务等其他系统，请注明来源；留空表示暂缺（报告中显示“/”）。</p>
      <PostForm
        action={`/admin/reports/${view.stored.row.id}/figures`}
        csrf={props.csrf}
        state={state}
        label="录入表二数据"
      >
        {FIGURES.map(([key, label]) => (
          <Field name={key} label={label} inputMode="numeric" state={state} />
        ))}
        <Field name="source" label="数据来源" state={state} hint="如：区政务服务网审批系统 2026-01-10 导出" />
        <button type="submit">保存数据</button>
      </PostForm>
      {view.figures.length > 0 && (
        <Table caption="已录入的数据及来源" columns={['项目', '数值', '来源', '录入']}>
          {view.figures.map((f) => (
            <tr>
              <td>{FIGURES.find(([k]) => k === f.key)?.[1] ?? f.key}</td>
              <td>{f.value}</td>
              <td>{f.source}</td>
              <td>
                {f.entered_by} {f.entered_at.slice(0, 10)}
              </td>
            </tr>
          ))}
        </Table>
      )}
    </section>
  );
}

/** The report page. */
export function ReportPage(props: AdminShell & { view: ReportPageView }) {
  const { view } = props;
  const { report } = view.stored;
  return (
    <AdminLayout {...props} title={`${report.agency}${report.year}年政府信息公开工作年度报告`}>
      {view.notice && (
        <p class="notice" role="status">
          {view.notice}
        </p>
      )}
      <Status view={view} csrf={props.csrf} />
      <Checks view={view} />
      <section aria-labelledby="body-h">
        <h2 id="body-h">报告正文（发布页面样式）</h2>
        <div class="item-body" dangerouslySetInnerHTML={{ __html: view.html }} />
      </section>
      {view.editable && <NarrativeForm view={view} csrf={props.csrf} />}
      {view.editable && <FiguresForm view={view} csrf={props.csrf} />}
    </AdminLayout>
  );
}
