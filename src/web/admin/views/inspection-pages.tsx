import type { Inspection } from '../../../db/schema-inspections';
import {
  type AgencyStats,
  type InspectionReport,
  type InspectionSummary,
  kindLabels,
  type TaskView,
  taskStatusLabels,
  verdictOf,
} from '../../../modules/inspections';
import { formatDateTime } from '../../portal/views/item-list';
import { AdminLayout, type AdminShell } from './layout';
import { Table } from './table';

// Whole-site inspection (全站检查) and rectification (整改) screens: the latest inspections, a report with
// veto items first, the task list with rescan and exception actions, and the 整改率 statistics.

export interface InspectionRow {
  inspection: Inspection;
  summary: InspectionSummary;
}

/** The tabs of the inspection screens. */
export function Tabs(props: { current: 'inspections' | 'tasks' | 'stats' | 'rules' }) {
  const tabs = [
    ['inspections', '/admin/inspections', '检查记录'],
    ['tasks', '/admin/rectifications', '整改任务'],
    ['stats', '/admin/rectifications/stats', '整改统计'],
    ['rules', '/admin/inspections/rules', '检查规则'],
  ] as const;
  return (
    <nav class="tabs" aria-label="全站检查">
      {tabs.map(([key, href, label]) => (
        <a href={href} aria-current={props.current === key ? 'page' : undefined}>
          {label}
        </a>
      ))}
    </nav>
  );
}

/** The latest inspections, with "run now" for the district supervisor. */
export function InspectionListPage(props: AdminShell & { rows: InspectionRow[]; canRun: boolean }) {
  return (
    <AdminLayout {...props} title="全站检查">
      <Tabs current="inspections" />
      <p class="hint">
        依据《政府网站与政务新媒体检查指标》（国办秘函〔2019〕19号）每晚自动检查全部已发布信息、栏目与附件。
      </p>
      {props.canRun && (
        <form method="post" action="/admin/inspections/run" class="inline-form">
          <input type="hidden" name="_csrf" value={props.csrf} />
          <button type="submit">立即检查</button>
        </form>
      )}
      <Table caption="最近的检查" columns={['检查时间', '方式', '结论', '得分', '单项否决', '问题数', '']}>
        {props.rows.map(({ inspection: i, summary }) => (
          <tr class={summary.vetoes.length ? 'veto' : undefined}>
            <td class="nowrap">{formatDateTime(i.started_at)}</td>
            <td>{i.trigger === 'manual' ? '手动' : '定时'}</td>
            <td>{verdictOf(summary)}</td>
            <td>{i.score}</td>
            <td>{summary.vetoes.map((v) => v.name).join('、') || '无'}</td>
            <td>{summary.counters.findings}</td>
            <td>
              <a href={`/admin/inspections/${i.id}`}>查看报告</a>
            </td>
          </tr>
        ))}
      </Table>
      {props.rows.length === 0 && <p class="empty">尚未进行检查</p>}
    </AdminLayout>
  );
}

/** One inspection's report: verdict and score, veto items first, then findings by indicator. */
export function InspectionReportPage(props: AdminShell & { report: InspectionReport }) {
  const { inspection, summary, groups } = props.report;
  return (
    <AdminLayout {...props} title={`检查报告（${formatDateTime(inspection.started_at)}）`}>
      <Tabs current="inspections" />
      <p class={summary.vetoes.length ? 'form-error' : 'notice'} role="status">
        结论：{verdictOf(summary)}；扣分指标得分 {summary.score} 分
      </p>
      <p>
        <a class="button secondary" href={`/admin/inspections/${inspection.id}/report.docx`}>
          导出 Word
        </a>{' '}
        <a class="button secondary" href={`/admin/inspections/${inspection.id}/report.csv`}>
          导出 CSV
        </a>
      </p>
      <h2>单项否决指标</h2>
      {summary.vetoes.length ? (
        <ol class="vetoes">
          {summary.vetoes.map((v) => (
            <li>
              <strong>{v.name}</strong>：{v.reason}
            </li>
          ))}
        </ol>
      ) : (
        <p>未发现单项否决问题。</p>
      )}
      <h2>扣分指标</h2>
      {summary.deductions.length ? (
        <ul>
          {summary.deductions.map((d) => (
            <li>
              {d.name}：{d.count} 项，扣 {d.points} 分
            </li>
          ))}
        </ul>
      ) : (
        <p>未发现扣分问题。</p>
      )}
      {summary.earlyWarnings.length > 0 && (
        <>
          <h2>预警</h2>
          <ul>
            {summary.earlyWarnings.map((w) => (
              <li>{w}</li>
            ))}
          </ul>
        </>
      )}
      <h2>问题清单</h2>
      {groups.map((g) => (
        <Table
          class={g.veto ? 'findings veto' : 'findings'}
          caption={`${g.veto ? '【单项否决】' : ''}${g.name}（${g.findings.length} 项）`}
          columns={['责任单位', '类别', '问题', '状态']}
        >
          {g.findings.map((f) => (
            <tr>
              <td>{f.agencyName}</td>
              <td class="nowrap">{f.kindLabel}</td>
              <td>{f.message}</td>
              <td class="nowrap">{f.excepted ? '已认定例外' : f.severityLabel}</td>
            </tr>
          ))}
        </Table>
      ))}
      {groups.length === 0 && <p class="empty">本单位没有问题</p>}
    </AdminLayout>
  );
}

export interface TaskListQuery {
  status?: string | undefined;
  kind?: string | undefined;
}

function TaskActions(props: { task: TaskView; csrf: string }) {
  const t = props.task;
  if (t.status !== 'open') return <span>{t.exceptionReason ? `例外理由：${t.exceptionReason}` : ''}</span>;
  return (
    <>
      <form method="post" action={`/admin/rectifications/${t.id}/rescan`} class="inline-form">
        <input type="hidden" name="_csrf" value={props.csrf} />
        <button type="submit" class="small">
          复查
        </button>
      </form>
      {t.canExcept && (
        <form
          method="post"
          action={`/admin/rectifications/${t.id}/exception`}
          class="inline-form exception-form"
        >
          <input type="hidden" name="_csrf" value={props.csrf} />
          <label>
            例外理由
            <input name="reason" required minLength={4} maxLength={500} />
          </label>
          <button type="submit" class="small secondary">
            认定例外
          </button>
        </form>
      )}
    </>
  );
}

/** The rectification tasks the viewer may see, with filters and the rescan / exception actions. */
export function TaskListPage(
  props: AdminShell & { tasks: TaskView[]; query: TaskListQuery; notice?: string; ok?: boolean },
) {
  return (
    <AdminLayout {...props} title="整改任务">
      <Tabs current="tasks" />
      {props.notice && (
        <p class={props.ok ? 'notice' : 'form-error'} role="status">
          {props.notice}
        </p>
      )}
      <form method="get" action="/admin/rectifications" class="filters" aria-label="筛选整改任务">
        <label>
          状态
          <select name="status">
            <option value="">全部</option>
            {Object.entries(taskStatusLabels).map(([code, label]) => (
              <option value={code} selected={props.query.status === code}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label>
          类别
          <select name="kind">
            <option value="">全部</option>
            {Object.entries(kindLabels).map(([code, label]) => (
              <option value={code} selected={props.query.kind === code}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">筛选</button>
      </form>
      <Table
        class="tasks"
        caption="整改任务"
        columns={['责任单位', '类别', '指标', '问题', '发现日期', '整改期限', '状态', '操作']}
      >
        {props.tasks.map((t) => (
          <tr class={t.severity === 'veto' ? 'veto' : undefined}>
            <td>{t.agencyName}</td>
            <td>{t.kindLabel}</td>
            <td>
              {t.indicatorName}（{t.severityLabel}）
            </td>
            <td class="task-message">{t.message}</td>
            <td class="nowrap">{t.openedOn}</td>
            <td class={t.overdue ? 'nowrap overdue' : 'nowrap'}>
              {t.deadline}
              {t.overdue ? '（已超期）' : ''}
            </td>
            <td class="nowrap">{t.statusLabel}</td>
            <td class="task-actions">
              <TaskActions task={t} csrf={props.csrf} />
            </td>
          </tr>
        ))}
      </Table>
      {props.tasks.length === 0 && <p class="empty">没有符合条件的整改任务</p>}
    </AdminLayout>
  );
}

/** 整改率 per agency for a period, with the summary sentence. */
export function RectificationStatsPage(
  props: AdminShell & { stats: AgencyStats[]; from: string; to: string },
) {
  return (
    <AdminLayout {...props} title="整改统计">
      <Tabs current="stats" />
      <form method="get" action="/admin/rectifications/stats" class="filters" aria-label="统计期间">
        <label>
          起始日期
          <input type="date" name="from" value={props.from} />
        </label>
        <label>
          截止日期
          <input type="date" name="to" value={props.to} />
        </label>
        <button type="submit">统计</button>
      </form>
      {props.stats.map((s) => (
        <section class="stats-agency">
          <h2>{s.agencyName}</h2>
          <p class="sentence">{s.sentence}</p>
          <Table
            caption={`${s.agencyName}整改情况`}
            columns={['类别', '发现', '已整改', '认定例外', '整改中', '整改率']}
          >
            {s.groups.map((g) => (
              <tr>
                <td class="nowrap">{g.label}</td>
                <td>{g.opened}</td>
                <td>{g.closed}</td>
                <td>{g.excepted}</td>
                <td>{g.open}</td>
                <td>{g.rate}%</td>
              </tr>
            ))}
          </Table>
        </section>
      ))}
      {props.stats.length === 0 && <p class="empty">本期无整改任务</p>}
    </AdminLayout>
  );
}
