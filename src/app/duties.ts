import type { Context } from '../core/context';
import { claimDutyRun, finishDutyRun, instanceName, slotOf } from '../jobs/duty-runs';
import { purgeExpiredApplicants, sendDeadlineReminders } from '../modules/applications';
import { publishDueItems } from '../modules/documents';
import { runMonthlyGapChecks } from '../modules/gap-check';
import { runInspection } from '../modules/inspections';
import { deliverOutbox } from '../modules/mail';
import { sendMailboxReminders } from '../modules/mailbox';
import { lapseExpiredNormatives, sendExpiryReminders } from '../modules/normative';
import { sendReportReminders } from '../modules/report-reminders';

// The platform's scheduled duties, in one table: the server runs each on its interval, and
// `gongkai duty NAME` runs one by hand (or from cron). Every duty is idempotent and catches up on what
// a missed run left: reminders are deduplicated in the outbox, lapses and purges look at dates.

export interface Duty {
  name: string;
  everyMs: number;
  description: string;
  run: (ctx: Context) => Promise<string>; // what it did, in Chinese, for the CLI
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export const duties: readonly Duty[] = [
  {
    name: 'publish-due',
    everyMs: MINUTE / 2,
    description: 'publish approved items whose scheduled time has come (定时发布)',
    run: async (ctx) => `已发布 ${await publishDueItems(ctx)} 条到期信息`,
  },
  {
    name: 'mail',
    everyMs: MINUTE / 2,
    description: 'send queued mail; failures wait with backoff',
    run: async (ctx) => {
      const r = await deliverOutbox(ctx);
      return `已发送 ${r.sent} 封，待重试 ${r.retrying} 封，失败 ${r.failed} 封`;
    },
  },
  {
    name: 'normative-lapse',
    everyMs: HOUR,
    description: 'mark normative documents past their validity as 失效',
    run: async (ctx) => `已有 ${await lapseExpiredNormatives(ctx)} 件规范性文件到期失效`,
  },
  {
    name: 'normative-remind',
    everyMs: HOUR,
    description: 'queue expiry reminders for normative documents within six months of expiry',
    run: async (ctx) => `已加入发送队列 ${await sendExpiryReminders(ctx)} 封规范性文件到期提醒邮件`,
  },
  {
    name: 'application-remind',
    everyMs: HOUR,
    description: 'queue due-date warnings of open 依申请公开 cases (and overdue alarms)',
    run: async (ctx) => `已加入发送队列 ${await sendDeadlineReminders(ctx)} 封依申请公开期限提醒邮件`,
  },
  {
    name: 'report-remind',
    everyMs: 6 * HOUR,
    description: 'queue annual-report reminders ahead of the 条例 Art. 49 deadlines (31 Jan / 31 Mar)',
    run: async (ctx) => `已加入发送队列 ${await sendReportReminders(ctx)} 封年度报告发布提醒邮件`,
  },
  {
    name: 'mailbox-remind',
    everyMs: HOUR,
    description: 'queue 部门信箱 due-date warnings, overdue escalations and three-month red-line alarms',
    run: async (ctx) =>
      `已加入发送队列 ${await sendMailboxReminders(ctx)} 封部门信箱提醒、督办和红线预警邮件`,
  },
  {
    name: 'application-retention',
    everyMs: 6 * HOUR,
    description: "delete applicants' personal data after the retention period",
    run: async (ctx) => `已删除 ${await purgeExpiredApplicants(ctx)} 件申请的到期个人信息`,
  },
  {
    name: 'inspection',
    everyMs: 24 * HOUR,
    description: 'whole-site inspection against 国办秘函〔2019〕19号; opens, joins and closes 整改 tasks',
    run: async (ctx) => {
      const r = await runInspection(ctx, 'scheduled');
      return `全站检查完成：得分 ${r.summary.score}，单项否决 ${r.summary.vetoes.length} 项；新开整改任务 ${r.opened} 个，复现 ${r.joined} 个，办结 ${r.closed} 个`;
    },
  },
  {
    name: 'gap-check',
    everyMs: HOUR,
    description:
      'monthly 查漏补缺 report per agency from the first working day of each month, mailed to officers',
    run: async (ctx) => `已生成 ${await runMonthlyGapChecks(ctx)} 份本月查漏补缺报告`,
  },
];

/**
 * Runs a duty for the current slot unless another instance (or an earlier tick) already has: the
 * exactly-once rule of src/jobs/duty-runs.ts. Returns what it did, or null when it skipped.
 */
export async function runScheduledDuty(
  ctx: Context,
  duty: Duty,
  instance = instanceName,
): Promise<string | null> {
  const run = { name: duty.name, slot: slotOf(ctx.clock.now(), duty.everyMs) };
  if (!(await claimDutyRun(ctx.db, { ...run, instance }, ctx.clock.now()))) return null;
  try {
    const message = await duty.run(ctx);
    await finishDutyRun(ctx.db, run, 'ok', message, ctx.clock.now());
    return message;
  } catch (error) {
    await finishDutyRun(ctx.db, run, 'failed', String(error), ctx.clock.now()).catch(() => {});
    throw error;
  }
}

/**
 * Schedules every duty; each instance ticks at least every five minutes and runs a duty once per slot
 * of its interval (see runScheduledDuty). Returns a function that stops the timers.
 */
export function startDuties(ctx: Context, onError: (duty: string, error: unknown) => void): () => void {
  const timers = duties.map((duty) => {
    let running = false; // a slow run is never overlapped by the next tick
    const tick = async () => {
      if (running) return;
      running = true;
      try {
        await runScheduledDuty(ctx, duty);
      } catch (error) {
        onError(duty.name, error);
      } finally {
        running = false;
      }
    };
    void tick();
    const timer = setInterval(tick, Math.min(duty.everyMs, 5 * MINUTE));
    timer.unref();
    return timer;
  });
  return () => {
    for (const t of timers) clearInterval(t);
  };
}
