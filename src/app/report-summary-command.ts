import type { Command } from 'commander';
import { z } from 'zod';
import type { Context } from '../core/context';
import { AppError } from '../core/errors';
import { parseInput } from '../core/validation';
import { primaryRoleOf } from '../modules/accounts';
import type { Actor } from '../modules/audit';
import {
  authorPrincipal,
  createSummaryDraft,
  draftWorkSummary,
  summaryPlainText,
} from '../modules/work-summary';
import { guarded, withContext } from './cli-input';

// `gongkai report summary --agency ID --year 2023 [--json] [--draft --as USERNAME]`: the year's work
// summary (工作总结) drafted from the records with every figure filled in. It prints the text (or JSON with
// the figures); with --draft it creates the draft item in the agency's 规划计划 column for the named
// editor, who then edits it and sends it through 三审 like any item.

const optionsSchema = z
  .object({
    agency: z.string({ error: '--agency 必填：机构 ID 或机构代码' }).trim().min(1, '--agency 必填'),
    year: z.string({ error: '--year 必填，如 2023' }).regex(/^\d{4}$/, '--year 应为四位年份，如 2023'),
    json: z.boolean().default(false),
    draft: z.boolean().default(false),
    as: z.string().trim().min(1).optional(),
  })
  .refine((o) => !o.draft || o.as, { message: '--draft 须用 --as 指明起草的信息员用户名', path: ['as'] });
export type SummaryCommandOptions = z.input<typeof optionsSchema>;

async function agencyIdOf(ctx: Context, idOrCode: string): Promise<string> {
  const row = await ctx.db
    .selectFrom('agencies')
    .select('id')
    .where((eb) => eb.or([eb('id', '=', idOrCode), eb('code', '=', idOrCode)]))
    .executeTakeFirst();
  if (!row) throw new AppError('not_found', `机构 ${idOrCode} 不存在`);
  return row.id;
}

/** Runs the command against a context and returns what it prints (the action and tests share it). */
export async function runSummaryCommand(ctx: Context, raw: SummaryCommandOptions): Promise<string> {
  const opts = parseInput(optionsSchema, raw);
  const request = { agencyId: await agencyIdOf(ctx, opts.agency), year: Number(opts.year) };
  if (opts.draft) {
    const principal = await authorPrincipal(ctx, opts.as ?? '');
    const actor: Actor = {
      userId: principal.userId,
      name: principal.username,
      role: primaryRoleOf(principal),
      ip: null,
      requestId: 'cli',
    };
    const item = await createSummaryDraft(ctx, principal, actor, request);
    return opts.json
      ? `${JSON.stringify({ itemId: item.id, title: item.title, status: item.status }, null, 2)}\n`
      : `已创建草稿《${item.title}》，请在后台修改后报审：/admin/items/${item.id}/edit\n`;
  }
  const { figures, summary } = await draftWorkSummary(ctx, request);
  if (!opts.json) return summaryPlainText(summary);
  return `${JSON.stringify({ ...figures, title: summary.title, text: summaryPlainText(summary) }, null, 2)}\n`;
}

/** Adds `summary` to the `report` command group. */
export function addSummaryCommand(report: Command): void {
  report
    .command('summary')
    .description("draft the year's work summary (工作总结) from the records; --draft creates the draft item")
    .requiredOption('--agency <id>', 'agency id or code')
    .requiredOption('--year <yyyy>', 'the year summarised, e.g. 2023')
    .option('--json', 'print the figures and the text as JSON')
    .option('--draft', 'create the draft item in the agency’s 规划计划 column')
    .option('--as <username>', 'with --draft: the editor the draft belongs to')
    .action(
      guarded(async (opts: SummaryCommandOptions) => {
        const text = await withContext((ctx) => runSummaryCommand(ctx, opts));
        process.stdout.write(text);
      }),
    );
}
