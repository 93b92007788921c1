import { AppError } from '../../core/errors';
import {
  addWorkingDays,
  type Calendar,
  chineseDay,
  chineseSpan,
  type DayDetail,
  dayReason,
  type IsWorkday,
  isIsoDay,
  nextDay,
} from '../calendar';

// The deadline engine (依申请公开). Pure: the case's clock facts and a calendar in, the due date and a
// plain-Chinese explanation out. Due dates are derived from events each time, never stored as the truth.
// Counting starts on the day after receipt (law-and-formats.md §1.5, "自收到申请次日起算").

export const REPLY_WORKING_DAYS = 20; // 条例 Art. 33 ¶2: reply within 20 working days of receipt
export const MAX_EXTENSION_WORKING_DAYS = 20; // 条例 Art. 33 ¶2: one extension of at most 20
export const CORRECTION_NOTICE_WORKING_DAYS = 7; // 条例 Art. 30: one correction notice within 7
export const CONSULTATION_WORKING_DAYS = 15; // 条例 Art. 32, 34: the consulted party answers within 15
export const FEE_PAYMENT_WORKING_DAYS = 20; // 109号: pay within 20 working days of the notice

/** Why the clock stands still: Art. 32 third party, Art. 34 co-producing agency, 109号 fee notice. */
export type PauseReason = 'thirdParty' | 'agency' | 'fee';

/** Working days from `from` to `to` inclusive are not counted; an open pause has no `to`. */
export interface DeadlinePause {
  from: string;
  to?: string | null | undefined;
  reason?: PauseReason | undefined; // absent: a pause given without its cause (the CLI's FROM:TO)
}

export interface DeadlineInput {
  receivedOn: string; // 收到申请之日 (Art. 31, see receipt-date.ts)
  correctionRequestedOn?: string | null | undefined; // 补正 notice sent (Art. 30)
  correctionReceivedOn?: string | null | undefined; // the reply period restarts from here
  correctionDeadline?: string | null | undefined; // the deadline stated to the applicant
  pauses?: readonly DeadlinePause[] | undefined;
  extensionDays?: number | null | undefined; // 1..20; 0 or absent: no extension
}

export interface DeadlineResult {
  due: string | null; // null while waiting for a correction or while a pause is open
  statutoryDue: string | null; // the 20th working day, before any extension
  countedDays: number; // working days counted so far (all of them once due)
  correctionRequestLatest: string; // the 7th working day after receipt
  steps: string[];
  explanation: string; // the steps joined with '；'
}

const pauseLabels: Record<PauseReason | 'unspecified', string> = {
  unspecified: '中止计算',
  thirdParty: '征求第三方意见（条例第三十二条）',
  agency: '征求其他行政机关意见（条例第三十四条）',
  fee: '收费通知待缴费（国办函〔2020〕109号）',
};

function invalid(field: string, message: string): never {
  throw new AppError('validation', message, { fields: { [field]: message } });
}

function checkDay(field: string, value: string | null | undefined, label: string): void {
  if (value != null && !isIsoDay(value)) invalid(field, `${label}应为 YYYY-MM-DD 格式的有效日期`);
}

/** Rejects impossible clock facts with a Chinese message naming the field. */
export function validateDeadlineInput(input: DeadlineInput): void {
  checkDay('receivedOn', input.receivedOn, '收到申请日期');
  if (!input.receivedOn) invalid('receivedOn', '请填写收到申请日期');
  checkDay('correctionRequestedOn', input.correctionRequestedOn, '补正通知日期');
  checkDay('correctionReceivedOn', input.correctionReceivedOn, '收到补正日期');
  checkDay('correctionDeadline', input.correctionDeadline, '补正期限');
  if (input.correctionRequestedOn && input.correctionRequestedOn < input.receivedOn)
    invalid('correctionRequestedOn', '补正通知日期不得早于收到申请之日');
  // A correction may come back the day the application arrived (notice and answer at the counter).
  if (input.correctionReceivedOn && input.correctionReceivedOn < input.receivedOn)
    invalid('correctionReceivedOn', '收到补正日期不得早于收到申请之日');
  if (
    input.correctionReceivedOn &&
    input.correctionRequestedOn &&
    input.correctionReceivedOn < input.correctionRequestedOn
  )
    invalid('correctionReceivedOn', '收到补正日期不得早于补正通知日期');
  const ext = input.extensionDays ?? 0;
  if (!Number.isInteger(ext) || ext < 0 || ext > MAX_EXTENSION_WORKING_DAYS)
    invalid('extensionDays', '延长期限须为 1 至 20 个工作日（条例第三十三条）');
  (input.pauses ?? []).forEach((p, i) => {
    checkDay(`pauses.${i}`, p.from, '暂停开始日期');
    checkDay(`pauses.${i}`, p.to, '暂停结束日期');
    if (p.reason !== undefined && !(p.reason in pauseLabels))
      invalid(`pauses.${i}`, '暂停原因须为征求第三方意见、征求其他机关意见或收费');
    if (p.to && p.to < p.from) invalid(`pauses.${i}`, `暂停的开始日期 ${p.from} 晚于结束日期 ${p.to}`);
    if (p.from < input.receivedOn) invalid(`pauses.${i}`, `暂停开始日期 ${p.from} 早于收到申请之日`);
  });
}

interface Run {
  kind: 'holiday' | 'makeup' | 'workday';
  from: string;
  to: string;
  reasons: string[];
}

function describeRun(run: Run, year: number): string {
  const span = chineseSpan(run.from, run.to, year);
  const reasons = [...new Set(run.reasons)];
  if (run.kind !== 'holiday') return `${span}${reasons.join('、')}，计入`;
  const allHolidays = reasons.every((r) => r.endsWith('假期'));
  const label = allHolidays
    ? `${reasons.map((r) => r.replace(/假期$/, '')).join('、')}假期`
    : reasons.join('、');
  return `${span}${label}，不计`;
}

// A day the explanation names: a holiday (not counted), a make-up day or an overridden working day (counted).
function runKindOf(d: DayDetail): Run['kind'] | null {
  if (d.kind === 'holiday' || d.kind === 'makeup') return d.kind;
  return d.kind === 'workday' && d.overridden ? 'workday' : null;
}

/** Collects consecutive named days into one step ("10月1日至7日国庆节假期，不计"). */
class DayNarrator {
  private run: Run | null = null;
  constructor(
    private readonly steps: string[],
    private readonly year: number,
  ) {}

  note(day: string, detail: DayDetail): void {
    const kind = runKindOf(detail);
    if (kind && this.run?.kind === kind) {
      this.run.to = day;
      this.run.reasons.push(dayReason(detail));
      return;
    }
    this.flush();
    if (kind) this.run = { kind, from: day, to: day, reasons: [dayReason(detail)] };
  }

  say(step: string): void {
    this.flush();
    this.steps.push(step);
  }

  private flush(): void {
    if (this.run) this.steps.push(describeRun(this.run, this.year));
    this.run = null;
  }
}

interface Walk {
  due: string | null;
  statutoryDue: string | null;
  counted: number;
}

function pauseOn(day: string, pauses: readonly DeadlinePause[]): DeadlinePause | undefined {
  return pauses.find((p) => p.from <= day && (!p.to || day <= p.to));
}

/** Counts 20 (+ extension) working days after `start`, skipping pauses, and narrates the days that matter. */
function walkWorkingDays(start: string, input: DeadlineInput, calendar: Calendar, steps: string[]): Walk {
  const year = Number(input.receivedOn.slice(0, 4));
  const narrator = new DayNarrator(steps, year);
  const extension = input.extensionDays ?? 0;
  const target = REPLY_WORKING_DAYS + extension;
  const pauses = [...(input.pauses ?? [])].sort((a, b) => a.from.localeCompare(b.from));
  const entered = new Set<DeadlinePause>();
  let counted = 0;
  let statutoryDue: string | null = null;
  for (let day = nextDay(start), guard = 0; guard < 3700; day = nextDay(day), guard++) {
    const pause = pauseOn(day, pauses);
    if (pause?.to) {
      if (!entered.has(pause)) {
        entered.add(pause);
        const skipped = countWorkingDays(day, pause.to, calendar.isWorkday);
        narrator.say(
          `${chineseSpan(pause.from, pause.to, year)}${pauseLabels[pause.reason ?? 'unspecified']}，其间${skipped}个工作日不计`,
        );
      }
      continue;
    }
    if (pause) {
      const cause = pause.reason ? `${pauseLabels[pause.reason]}，` : '';
      narrator.say(
        `${chineseDay(pause.from, year)}起${cause}期限中止计算；此前已计${counted}个工作日，恢复后还需计${target - counted}个工作日`,
      );
      return { due: null, statutoryDue, counted };
    }
    const detail = calendar.detailOf(day);
    narrator.note(day, detail);
    if (!detail.isWorkday) continue;
    counted++;
    if (counted === REPLY_WORKING_DAYS) statutoryDue = day;
    if (counted === REPLY_WORKING_DAYS && extension > 0) {
      narrator.say(`第${REPLY_WORKING_DAYS}个工作日为${day}`);
      narrator.say(
        `经政府信息公开工作机构负责人同意延长${extension}个工作日，并告知申请人（条例第三十三条）`,
      );
    }
    if (counted === target) {
      narrator.say(`第${target}个工作日为${day}`);
      return { due: day, statutoryDue, counted };
    }
  }
  throw new AppError('validation', '期限计算超出十年范围，请检查暂停日期');
}

/** Working days from `from` to `to`, both included. */
function countWorkingDays(from: string, to: string, isWorkday: IsWorkday): number {
  let n = 0;
  for (let day = from; day <= to; day = nextDay(day)) if (isWorkday(day)) n++;
  return n;
}

function correctionSteps(input: DeadlineInput, latest: string): string[] {
  const steps: string[] = [];
  const requested = input.correctionRequestedOn;
  if (requested)
    steps.push(
      `${requested} 一次性告知补正（条例第三十条，应于收到申请后7个工作日内，即 ${latest} 前）${requested > latest ? '，已超过法定期限' : ''}`,
    );
  if (input.correctionReceivedOn)
    steps.push(`${input.correctionReceivedOn} 收到补正后的申请，答复期限自该日重新计算`);
  else if (requested) {
    if (input.correctionDeadline)
      steps.push(`补正期限至 ${input.correctionDeadline}，无正当理由逾期不补正的，视为放弃申请`);
    steps.push('待申请人补正，答复期限自收到补正之日起计算');
  }
  return steps;
}

/**
 * The reply due date of a case (条例 Art. 30, 32–34, 109号) with its step-by-step explanation, e.g.
 * "2024-09-27 收到；自次日起算20个工作日；9月29日调休上班，计入；10月1日至7日国庆节假期，不计；…".
 */
export function computeDeadline(input: DeadlineInput, calendar: Calendar): DeadlineResult {
  validateDeadlineInput(input);
  const latest = correctionRequestLatest(input.receivedOn, calendar.isWorkday);
  const steps = [`${input.receivedOn} 收到`, ...correctionSteps(input, latest)];
  const waitingForCorrection = Boolean(input.correctionRequestedOn && !input.correctionReceivedOn);
  let walk: Walk = { due: null, statutoryDue: null, counted: 0 };
  if (!waitingForCorrection) {
    steps.push(`自次日起算${REPLY_WORKING_DAYS}个工作日`);
    walk = walkWorkingDays(input.correctionReceivedOn ?? input.receivedOn, input, calendar, steps);
  }
  return {
    due: walk.due,
    statutoryDue: walk.statutoryDue,
    countedDays: walk.counted,
    correctionRequestLatest: latest,
    steps,
    explanation: steps.join('；'),
  };
}

/** 条例 Art. 30: the last day to send the one correction notice, the 7th working day after receipt. */
export function correctionRequestLatest(receivedOn: string, isWorkday: IsWorkday): string {
  return addWorkingDays(receivedOn, CORRECTION_NOTICE_WORKING_DAYS, isWorkday);
}

/** 条例 Art. 30: the applicant's deadline, `workingDays` after the day the notice reached them. */
export function applicantCorrectionDeadline(
  noticeReceivedOn: string,
  workingDays: number,
  isWorkday: IsWorkday,
): string {
  if (!Number.isInteger(workingDays) || workingDays < 1 || workingDays > 60)
    invalid('workingDays', '补正期限须为 1 至 60 个工作日');
  return addWorkingDays(noticeReceivedOn, workingDays, isWorkday);
}

/** 109号: the fee is due within 20 working days counted from the day after the notice is received. */
export function feePaymentDeadline(noticeReceivedOn: string, isWorkday: IsWorkday): string {
  return addWorkingDays(noticeReceivedOn, FEE_PAYMENT_WORKING_DAYS, isWorkday);
}

/** 条例 Art. 32, 34: the consulted party's answer is due 15 working days after it gets the request. */
export function consultationReplyDeadline(requestReceivedOn: string, isWorkday: IsWorkday): string {
  return addWorkingDays(requestReceivedOn, CONSULTATION_WORKING_DAYS, isWorkday);
}

/**
 * Whether a case closes by lapse on `today`: no correction by its deadline → 其他处理 1 (Art. 30);
 * fee unpaid by its deadline → 其他处理 2 (109号). The codes are those of outcomes.ts.
 */
export function lapsedOutcome(
  state: {
    correctionDeadline?: string | null;
    correctionReceivedOn?: string | null;
    feePaymentDeadline?: string | null;
    feePaidOn?: string | null;
  },
  today: string,
): 'other.noCorrection' | 'other.feeUnpaid' | null {
  if (state.correctionDeadline && !state.correctionReceivedOn && today > state.correctionDeadline)
    return 'other.noCorrection';
  if (state.feePaymentDeadline && !state.feePaidOn && today > state.feePaymentDeadline)
    return 'other.feeUnpaid';
  return null;
}
