import type { GapCheckReport } from '../../../db/schema-tasks';
import type { GapSection } from '../../../modules/gap-check';
import { formatDateTime } from '../../portal/views/item-list';
import { type FormState, PostForm, SelectField } from './form';
import { AdminLayout, type AdminShell } from './layout';
import { Table } from './table';
import { Notice, TaskTabs } from './task-tabs';

// 查漏补缺: the history of monthly and on-demand reports, run-now, and one report section by section.

type ReportRow = GapCheckReport & { agency_name: string };

/** The reports the viewer sees, newest first, with the run-now form. */
export function GapCheckListPage(
  props: AdminShell & {
    rows: ReportRow[];
    agencies: { id: string; name: string }[];
    canRunAll: boolean;
    filterAgencyId?: string | undefined;
    state?: FormState | undefined;
    notice?: string | undefined;
  },
) {
  const options = [
    ...(props.canRunAll ? [{ value: 'all', label: '全部单位' }] : []),
    ...props.agencies.map((a) => ({ value: a.id, label: a.name })),
  ];
  return (
    <AdminLayout {...props} title="查漏补缺">
      <TaskTabs current="gap" />
      <p class="hint">
        每月第一个工作日自动为各单位生成查漏补缺报告并发送给信息员、审核人员和专职工作人员；也可随时立即检查。
      </p>
      <Notice text={props.notice} ok />
      <PostForm action="/admin/gap-checks/run" csrf={props.csrf} state={props.state} label="立即检查">
        <SelectField name="agencyId" label="检查单位" options={options} state={props.state} />
        <button type="submit">立即检查</button>
      </PostForm>
      {props.agencies.length > 1 && (
        <form method="get" action="/admin/gap-checks" class="filters" aria-label="按单位查看">
          <label>
            单位{' '}
            <select name="agencyId">
              <option value="">全部</option>
              {props.agencies.map((a) => (
                <option value={a.id} selected={a.id === props.filterAgencyId}>
                  {a.name}
                </option>
              ))}
            </select>
          </label>
          <button type="submit">查看</button>
        </form>
      )}
      <Table caption="报告记录" columns={['生成时间', '单位', '月份', '方式', '问题数', '']}>
        {props.rows.map((r) => (
          <tr>
            <td class="nowrap">{formatDateTime(r.generated_at)}</td>
            <td>{r.agency_name}</td>
            <td>{r.period}</td>
            <td>{r.trigger === 'scheduled' ? '每月自动' : '立即检查'}</td>
            <td class={r.problem_count ? 'overdue' : undefined}>{r.problem_count}</td>
            <td>
              <a
                href={`/admin/gap-checks/${r.id}`}
                aria-label={`查看报告：${r.agency_name} ${formatDateTime(r.generated_at)}`}
              >
                查看报告
              </a>
            </td>
          </tr>
        ))}
      </Table>
      {props.rows.length === 0 && <p class="empty">尚无报告</p>}
    </AdminLayout>
  );
}

function Section(props: { section: GapSection; n: number }) {
  const s = props.section;
  return (
    <section aria-labelledby={`gap-${s.key}`}>
      <h2 id={`gap-${s.key}`}>
        {props.n}. {s.title}（{s.rows.length} 项）
      </h2>
      <p class="hint">依据：{s.basis}</p>
      {s.rows.length === 0 ? (
        <p class="empty">未发现问题</p>
      ) : (
        <Table caption={s.title} columns={['事项', '情况', '期限']}>
          {s.rows.map((r) => (
            <tr class={r.overdue ? 'row-overdue' : undefined}>
              <td>{r.href ? <a href={r.href}>{r.text}</a> : r.text}</td>
              <td>{r.detail}</td>
              <td class={r.overdue ? 'nowrap overdue' : 'nowrap'}>
                {r.dueOn ? `${r.dueOn}${r.overdue ? '（已逾期）' : ''}` : '—'}
              </td>
            </tr>
          ))}
        </Table>
      )}
    </section>
  );
}

/** One report as it was made, section by section. */
export function GapReportPage(
  props: AdminShell & { report: ReportRow; sections: GapSection[]; recipients: string[] },
) {
  const r = props.report;
  return (
    <AdminLayout {...props} title={`${r.agency_name} ${r.period} 查漏补缺报告`}>
      <TaskTabs current="gap" />
      <p class={r.problem_count ? 'form-error' : 'notice'} role="status">
        截至 {r.as_of}，共发现 {r.problem_count} 项待办（
        {r.trigger === 'scheduled' ? '每月自动检查' : '立即检查'}，{formatDateTime(r.generated_at)} 生成）
      </p>
      <p>
        已发送至：{props.recipients.length ? props.recipients.join('、') : '无（本单位人员均未登记电子邮箱）'}
      </p>
      {props.sections.map((s, i) => (
        <Section section={s} n={i + 1} />
      ))}
      <p>
        <a href="/admin/gap-checks">返回报告记录</a>
      </p>
    </AdminLayout>
  );
}
