import type { Command } from 'commander';
import { z } from 'zod';
import { loadConfig } from '../config/config';
import { chinaDay } from '../core/clock';
import { isAppError } from '../core/errors';
import {
  computeDeadline,
  type DeadlineInput,
  type DeadlinePause,
  type PauseReason,
} from '../modules/applications/deadline';
import { calendarYearMissing, isIsoDay, packagedCalendar } from '../modules/calendar';
import { buildContext } from './deps';

// `gongkai deadline` and `gongkai calendar-check`: used as-is by operators and scripts. Bad input exits
// with code 2 and a message naming the option; a missing calendar year exits with code 1.

const day = (option: string) =>
  z
    .string({ error: `${option} 必填，格式 YYYY-MM-DD` })
    .refine(isIsoDay, `${option} 应为 YYYY-MM-DD 格式的有效日期`);

const reasons: Record<string, PauseReason> = { 'third-party': 'thirdParty', agency: 'agency', fee: 'fee' };
const PAUSE = /^(\d{4}-\d{2}-\d{2}):(\d{4}-\d{2}-\d{2})?(?::(third-party|agency|fee))?$/;

const pauseSchema = z.string().transform((raw, ctx): DeadlinePause => {
  const m = PAUSE.exec(raw);
  const [, from = '', to, reason] = m ?? [];
  if (!m || !isIsoDay(from) || (to !== undefined && !isIsoDay(to))) {
    ctx.addIssue({
      code: 'custom',
      message: `--pause ${raw} 应写作 FROM:TO（YYYY-MM-DD:YYYY-MM-DD），可加 :third-party、:agency 或 :fee`,
    });
    return z.NEVER;
  }
  return { from, to: to ?? null, reason: reason ? reasons[reason] : undefined };
});

const optionsSchema = z.object({
  received: day('--received'),
  correctionReceived: day('--correction-received').optional(),
  pause: z.array(pauseSchema).default([]),
  extend: z.coerce
    .number({ error: '--extend 应为 1 至 20 的整数' })
    .int('--extend 应为 1 至 20 的整数')
    .min(1, '--extend 应为 1 至 20 的整数（条例第三十三条：延长不超过20个工作日）')
    .max(20, '--extend 应为 1 至 20 的整数（条例第三十三条：延长不超过20个工作日）')
    .optional(),
  json: z.boolean().default(false),
});

const optionOfField: Record<string, string> = {
  receivedOn: '--received',
  correctionReceivedOn: '--correction-received',
  extensionDays: '--extend',
};

function badInput(message: string): void {
  console.error(`错误：${message}`);
  process.exitCode = 2;
}

function namedError(error: unknown): string | null {
  if (!isAppError(error) || error.code !== 'validation') return null;
  const field = Object.keys(error.fields ?? {})[0] ?? '';
  const option = field.startsWith('pauses.') ? '--pause' : optionOfField[field];
  return option ? `${option}：${error.message}` : error.message;
}

export type DeadlineOutcome = { ok: true; lines: string[] } | { ok: false; message: string };

/** The output of `gongkai deadline` for its parsed options (exported for tests). */
export function deadlineOutcome(raw: unknown): DeadlineOutcome {
  const parsed = optionsSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, message: parsed.error.issues.map((i) => i.message).join('；') };
  const o = parsed.data;
  const input: DeadlineInput = {
    receivedOn: o.received,
    correctionReceivedOn: o.correctionReceived,
    pauses: o.pause,
    extensionDays: o.extend,
  };
  try {
    const result = computeDeadline(input, packagedCalendar);
    if (o.json)
      return { ok: true, lines: [JSON.stringify({ ...result, calendar: 'chinese-days' }, null, 2)] };
    return { ok: true, lines: [result.due ?? '期限中止中，暂无到期日', ...result.steps] };
  } catch (error) {
    const message = namedError(error);
    if (message === null) throw error;
    return { ok: false, message };
  }
}

const collect = (value: string, previous: string[]) => [...previous, value];

/** Adds `deadline` and `calendar-check` to the CLI. */
export function addCalendarCommands(program: Command): void {
  program
    .command('deadline')
    .description(
      'reply due date of an application (条例 Art. 30–33): 20 working days from the day after receipt. ' +
        'Uses the chinese-days calendar only, not the override table of a database.',
    )
    .option('--received <date>', '收到申请之日 YYYY-MM-DD (required)')
    .option('--correction-received <date>', '收到补正之日: the period restarts from here')
    .option(
      '--pause <from:to>',
      'working days FROM to TO inclusive are not counted (repeatable; FROM: alone = still paused; may end in :third-party, :agency or :fee)',
      collect,
      [],
    )
    .option('--extend <n>', 'approved extension of N working days (1–20)')
    .option(
      '--json',
      'print JSON: {due, statutoryDue, correctionRequestLatest, countedDays, steps, explanation}',
    )
    .action((opts: Record<string, unknown>) => {
      const outcome = deadlineOutcome(opts);
      if (outcome.ok) for (const line of outcome.lines) console.log(line);
      else badInput(outcome.message);
    });

  program
    .command('calendar-check')
    .description(
      "from 1 December, exit 1 when next year's holiday calendar is missing (chinese-days and overrides)",
    )
    .option('--on <date>', 'check as of this day (YYYY-MM-DD, China time) instead of today')
    .action(async (opts: { on?: string }) => {
      if (opts.on !== undefined && !isIsoDay(opts.on)) {
        badInput('--on 应为 YYYY-MM-DD 格式的有效日期');
        return;
      }
      const at = opts.on ? new Date(`${opts.on}T04:00:00Z`) : new Date();
      const ctx = await buildContext(loadConfig(), { now: () => at });
      try {
        const missing = await calendarYearMissing(ctx);
        if (missing === null) {
          console.log(`工作日历正常：截至 ${chinaDay(at)} 无需补录下一年度节假日安排`);
          return;
        }
        console.error(
          `缺少 ${missing} 年工作日历：请在国务院办公厅发布 ${missing} 年部分节假日安排的通知后，由系统管理员在后台“工作日历”页录入`,
        );
        process.exitCode = 1;
      } finally {
        await ctx.db.destroy();
      }
    });
}
