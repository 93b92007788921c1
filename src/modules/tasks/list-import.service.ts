import type { Kysely } from 'kysely';
import { chinaDay } from '../../core/clock';
import type { Context } from '../../core/context';
import { AppError } from '../../core/errors';
import { newId } from '../../core/ids';
import type { DB } from '../../db/schema';
import type { KeyTaskItem } from '../../db/schema-tasks';
import type { Principal } from '../accounts';
import { checkTableUpload } from '../attachments';
import { type Actor, auditedTransaction } from '../audit';
import {
  hasKeyTaskHeader,
  type ParsedItem,
  parseKeyTaskRows,
  type SkippedRow,
  textKeyOf,
} from './list-parse';
import { readListFile } from './list-read';
import { mayManageKeyTasks } from './task-access';

// Importing the year's key-task list. Re-importing the same file changes nothing: items are matched by
// year and task text; a changed requirement, unit or deadline updates the item (tasks already
// decomposed keep their own deadlines). The whole import is one audited transaction.

export interface ImportResult {
  year: number;
  added: number;
  updated: number;
  unchanged: number;
  skipped: SkippedRow[];
}

const MAX_BYTES = 2 * 1_048_576;

function rowOf(p: ParsedItem) {
  return {
    seq: p.seq,
    category: p.category,
    title: p.title,
    requirement: p.requirement,
    lead_units: p.leadUnits,
    deadline_text: p.deadlineText,
    deadline_on: p.deadline.kind === 'day' ? p.deadline.day : null,
  };
}

const sameItem = (a: KeyTaskItem, b: ReturnType<typeof rowOf>) =>
  (Object.keys(b) as (keyof typeof b)[]).every((k) => a[k] === b[k]);

async function upsertItems(
  trx: Kysely<DB>,
  year: number,
  parsed: ParsedItem[],
  meta: { source: string; by: string; at: string },
): Promise<Omit<ImportResult, 'year' | 'skipped'>> {
  const existing = await trx.selectFrom('key_task_items').selectAll().where('year', '=', year).execute();
  const byKey = new Map(existing.map((e) => [e.text_key, e]));
  const counts = { added: 0, updated: 0, unchanged: 0 };
  for (const p of parsed) {
    const row = rowOf(p);
    const found = byKey.get(textKeyOf(p.title));
    if (found && sameItem(found, row)) counts.unchanged++;
    else if (found) {
      await trx
        .updateTable('key_task_items')
        .set({ ...row, source_name: meta.source, source_row: p.row, updated_at: meta.at })
        .where('id', '=', found.id)
        .execute();
      counts.updated++;
    } else {
      await trx
        .insertInto('key_task_items')
        .values({
          id: newId(),
          year,
          text_key: textKeyOf(p.title),
          ...row,
          source_name: meta.source,
          source_row: p.row,
          created_by: meta.by,
          created_at: meta.at,
          updated_at: meta.at,
        })
        .execute();
      counts.added++;
    }
  }
  return counts;
}

/** Imports a list file (CSV or .xlsx); `year` applies when the file's title row names none. */
export async function importKeyTaskList(
  ctx: Context,
  p: Principal,
  actor: Actor,
  file: { name: string; bytes: Buffer },
  year: number,
): Promise<ImportResult> {
  if (!mayManageKeyTasks(p)) throw new AppError('forbidden', '只有区政府办监管可以导入重点工作清单');
  if (file.bytes.length > MAX_BYTES)
    throw new AppError('payload_too_large', '清单文件不超过 2 MB', {
      fields: { file: '清单文件不超过 2 MB' },
    });
  await checkTableUpload(file); // security.md T7: name, type and archive checked before ExcelJS inflates it
  const rows = await readListFile(file.bytes);
  if (!hasKeyTaskHeader(rows))
    throw new AppError(
      'validation',
      '未找到表头：清单应有“工作任务”（或“重点工作”）和“完成时限”或“责任单位”列',
      {
        fields: { file: '未找到表头' },
      },
    );
  const parsed = parseKeyTaskRows(rows, year);
  const listYear = parsed.year ?? year;
  if (parsed.items.length === 0)
    throw new AppError('validation', '清单中没有可导入的工作任务', {
      fields: { file: '没有可导入的工作任务' },
    });
  const at = ctx.clock.now().toISOString();
  return auditedTransaction(ctx, actor, async (trx) => {
    const counts = await upsertItems(trx, listYear, parsed.items, { source: file.name, by: p.userId, at });
    const result = { year: listYear, ...counts, skipped: parsed.skipped };
    return {
      result,
      audit: {
        action: 'key_task.list_imported',
        objectType: 'key_task_list',
        objectId: String(listYear),
        details: { file: file.name, ...counts, skipped: parsed.skipped.length },
      },
    };
  });
}

/** The current year in China, the default for an import without a year in its title. */
export function currentListYear(ctx: Pick<Context, 'clock'>): number {
  return Number(chinaDay(ctx.clock.now()).slice(0, 4));
}
