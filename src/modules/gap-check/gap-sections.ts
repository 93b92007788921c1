import type { Context } from '../../core/context';
import { workingDaysLeft } from '../applications';
import type { Calendar } from '../calendar';
import { policiesWithoutInterpretation } from '../interpretations';
import { lettersNearDeadline } from '../mailbox';
import { expiringNormatives } from '../normative';
import { isLate, taskRows, taskStatusLabels } from '../tasks';
import { columnFreshnessRows } from './column-freshness';

// The sections of one agency's monthly gap check (查漏补缺, product.md §1: "lists what is late, stale or
// missing"). Each section is a list of rows, collected from the module that owns the records; the
// report stores them as they were on the day it was made.

export interface GapRow {
  text: string;
  detail: string;
  dueOn: string | null;
  overdue: boolean;
  href: string | null;
}

export interface GapSection {
  key: string;
  title: string;
  basis: string;
  rows: GapRow[];
}

export interface GapScope {
  agencyId: string;
  today: string; // China day
  calendar: Calendar;
  warnWorkingDays: number; // "near" a working-day deadline
}

type Collector = {
  key: string;
  title: string;
  basis: string;
  collect: (ctx: Context, s: GapScope) => Promise<GapRow[]>;
};

async function keyTasks(ctx: Context, s: GapScope): Promise<GapRow[]> {
  const rows = await taskRows(ctx.db, { agencyIds: [s.agencyId] }, s.today);
  return rows
    .filter((r) => r.task.state !== 'accepted' && (isLate(r.task, s.today) || r.evidence === 0))
    .map((r) => ({
      text: r.itemTitle,
      detail: [
        taskStatusLabels[r.status],
        r.evidence === 0 ? '尚无佐证材料' : `佐证材料 ${r.evidence} 项`,
        `责任人 ${r.task.owner_name}`,
      ].join('；'),
      dueOn: r.task.deadline_on,
      overdue: isLate(r.task, s.today),
      href: `/admin/key-tasks/tasks/${r.task.id}`,
    }));
}

async function rectifications(ctx: Context, s: GapScope): Promise<GapRow[]> {
  const rows = await ctx.db
    .selectFrom('rectification_tasks')
    .select(['id', 'message', 'deadline'])
    .where('agency_id', '=', s.agencyId)
    .where('status', '=', 'open')
    .orderBy('deadline')
    .execute();
  return rows.map((r) => ({
    text: r.message,
    detail: '整改任务未办结',
    dueOn: r.deadline,
    overdue: r.deadline < s.today,
    href: '/admin/rectifications',
  }));
}

async function applications(ctx: Context, s: GapScope): Promise<GapRow[]> {
  const rows = await ctx.db
    .selectFrom('applications')
    .select(['id', 'tracking_number', 'due_on'])
    .where('agency_id', '=', s.agencyId)
    .where('status', 'in', ['received', 'processing'])
    .where('due_on', 'is not', null)
    .orderBy('due_on')
    .execute();
  return rows
    .map((r) => ({ r, left: workingDaysLeft(s.today, r.due_on as string, s.calendar) }))
    .filter(({ left }) => left <= s.warnWorkingDays)
    .map(({ r, left }) => ({
      text: `申请 ${r.tracking_number}`,
      detail: left < 0 ? `已逾期 ${-left} 个工作日` : `还剩 ${left} 个工作日`,
      dueOn: r.due_on,
      overdue: left < 0,
      href: `/admin/applications/${r.id}`,
    }));
}

async function letters(ctx: Context, s: GapScope): Promise<GapRow[]> {
  const rows = await lettersNearDeadline(ctx, s.agencyId, s.today, s.warnWorkingDays);
  return rows.map((l) => ({
    text: `来信 ${l.trackingNumber}：${l.subject}`,
    detail: l.overdue ? '已超过答复期限' : '临近答复期限',
    dueOn: l.dueOn,
    overdue: l.overdue,
    href: `/admin/mailbox/${l.id}`,
  }));
}

async function interpretations(ctx: Context, s: GapScope): Promise<GapRow[]> {
  const rows = await policiesWithoutInterpretation(ctx, [s.agencyId]);
  return rows.map((r) => ({
    text: r.title,
    detail: r.overdue ? '解读已逾期未发布' : '尚未发布政策解读',
    dueOn: r.dueOn,
    overdue: r.overdue,
    href: `/admin/items/${r.id}`,
  }));
}

async function normatives(ctx: Context, s: GapScope): Promise<GapRow[]> {
  const rows = await expiringNormatives(ctx, [s.agencyId]);
  return rows.map((r) => ({
    text: r.title,
    detail: `登记号 ${r.registration_number}，有效期至 ${r.valid_until}，请评估是否继续施行或修订`,
    dueOn: r.valid_until,
    overdue: false,
    href: `/admin/items/${r.id}`,
  }));
}

export const gapCollectors: readonly Collector[] = [
  {
    key: 'key_tasks',
    title: '重点工作任务逾期或缺少佐证材料',
    basis: '本年度政务公开重点工作清单',
    collect: keyTasks,
  },
  {
    key: 'columns',
    title: '栏目临近或超过更新时限',
    basis: '国办秘函〔2019〕19号「栏目不更新」；各栏目更新周期及预警规则（全站检查规则）',
    collect: (ctx, s) => columnFreshnessRows(ctx, s.agencyId),
  },
  {
    key: 'rectifications',
    title: '未办结的整改任务',
    basis: '全站检查发现问题的整改',
    collect: rectifications,
  },
  {
    key: 'applications',
    title: '临近答复期限的依申请公开申请',
    basis: '《政府信息公开条例》第三十三条：20个工作日内答复，延期不超过20个工作日',
    collect: applications,
  },
  {
    key: 'letters',
    title: '临近答复期限的部门信箱来信',
    basis: '部门信箱答复时限（工作日）',
    collect: letters,
  },
  {
    key: 'interpretations',
    title: '尚未解读的政策文件',
    basis: '政策文件与解读材料同步起草、同步审签、同步发布（三同步）',
    collect: interpretations,
  },
  {
    key: 'normatives',
    title: '临近有效期届满的规范性文件',
    basis: '规范性文件有效期届满前6个月评估',
    collect: normatives,
  },
];

/** Every section of one agency's gap check, in report order. */
export async function collectGapSections(ctx: Context, scope: GapScope): Promise<GapSection[]> {
  const sections: GapSection[] = [];
  for (const c of gapCollectors)
    sections.push({ key: c.key, title: c.title, basis: c.basis, rows: await c.collect(ctx, scope) });
  return sections;
}
