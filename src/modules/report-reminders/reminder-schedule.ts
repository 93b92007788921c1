import { chineseDay, type IsWorkday, workingDaysAfter } from '../calendar';

// When an agency is reminded of its annual report (政府信息公开工作年度报告), by the statutory deadlines of
// 条例 Art. 49 (law-and-formats.md §1.10): a department publishes the previous year's report by 31
// January; the district government (县级人民政府) publishes its own by 31 March, after aggregating its
// departments. The dates are fixed by the 条例 ("每年1月31日前", "每年3月31日前") and do not move off a
// weekend. Reminders go out from 1 January, again 10 and 3 working days before the deadline, and once
// when it has passed — each stage once, and a missed run catches up with the most urgent stage reached
// (peers.md §5: idempotent reminders, not ArkCase's exact-day check). The season closes at the end of
// the month after the deadline: a platform installed in the autumn does not chase last year's report,
// which may have been published on the old site; the supervising office's inspection covers that.

export type AgencyKind = 'district' | 'department';
export type ReminderStage = 'open' | 'ten' | 'three' | 'overdue';

/** The thresholds in working days before the deadline, most urgent last. */
export const STAGE_DAYS = { ten: 10, three: 3 } as const;

/** The report year a reminder on `today` is about: the previous calendar year. */
export function reportYearOn(today: string): number {
  return Number(today.slice(0, 4)) - 1;
}

/** 条例 Art. 49: 31 January (departments) or 31 March (the district) of the year after the report year. */
export function reportDeadline(kind: AgencyKind, reportYear: number): string {
  return kind === 'district' ? `${reportYear + 1}-03-31` : `${reportYear + 1}-01-31`;
}

/** Working days after today up to and including the deadline (0 on the deadline itself). */
export function workingDaysLeft(today: string, deadline: string, isWorkday: IsWorkday): number {
  return workingDaysAfter(today, deadline, isWorkday);
}

/** The last day of the month after the deadline's month. */
export function seasonCloses(deadline: string): string {
  const [y, m] = deadline.split('-').map(Number);
  return new Date(Date.UTC(y ?? 0, (m ?? 1) + 1, 0)).toISOString().slice(0, 10);
}

/** The stage reached on `today` for a report due on `deadline`, or null outside the reminder season. */
export function reminderStage(today: string, deadline: string, isWorkday: IsWorkday): ReminderStage | null {
  if (today < `${deadline.slice(0, 4)}-01-01` || today > seasonCloses(deadline)) return null;
  if (today > deadline) return 'overdue';
  const left = workingDaysLeft(today, deadline, isWorkday);
  if (left <= STAGE_DAYS.three) return 'three';
  if (left <= STAGE_DAYS.ten) return 'ten';
  return 'open';
}

export interface ReminderFacts {
  agencyName: string;
  kind: AgencyKind;
  reportYear: number;
  deadline: string;
  stage: ReminderStage;
  daysLeft: number; // working days, when not overdue
  missingDepartments: string[]; // the district's mail: departments without a published report
}

function whenLine(f: ReminderFacts): string {
  const due = chineseDay(f.deadline, 0);
  if (f.stage === 'overdue') return `发布期限：${due}（已逾期，尚未发布）`;
  return `发布期限：${due}（还剩 ${f.daysLeft} 个工作日）`;
}

function departmentLines(f: ReminderFacts): string[] {
  if (f.kind !== 'district') return [];
  if (f.missingDepartments.length === 0)
    return ['', '各部门均已发布本部门年度报告，可汇总编制本级政府年度报告。'];
  return [
    '',
    `尚未发布${f.reportYear}年度报告的部门（${f.missingDepartments.length} 个）：`,
    ...f.missingDepartments.map((name) => `  ${name}`),
    '',
    '请督促上述部门按期发布，并在汇总各部门情况后编制本级政府年度报告。',
  ];
}

/** The reminder's subject and body. */
export function reminderText(f: ReminderFacts, recipientName: string): { subject: string; text: string } {
  const urgency = f.stage === 'overdue' ? '已逾期' : f.stage === 'open' ? '提醒' : '即将到期';
  const rule =
    f.kind === 'district'
      ? '《中华人民共和国政府信息公开条例》第四十九条：县级以上地方人民政府的政府信息公开工作主管部门应当在每年3月31日前向社会公布本级政府上一年度政府信息公开工作年度报告。'
      : '《中华人民共和国政府信息公开条例》第四十九条：县级以上人民政府部门应当在每年1月31日前向本级政府信息公开工作主管部门提交本行政机关上一年度政府信息公开工作年度报告并向社会公布。';
  return {
    subject: `【年度报告${urgency}】${f.agencyName}${f.reportYear}年政府信息公开工作年度报告（${chineseDay(f.deadline)}前发布）`,
    text: [
      `${recipientName}：`,
      '',
      `${f.agencyName}${f.reportYear}年政府信息公开工作年度报告尚未在“政府信息公开年报”栏目发布。`,
      whenLine(f),
      '',
      rule,
      ...departmentLines(f),
      '',
      '请登录政务公开平台后台编制、审核并发布年度报告。本邮件由系统自动发送，请勿回复。',
    ].join('\n'),
  };
}
