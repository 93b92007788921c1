import { newId } from '../src/core/ids';
import type { TestContext } from './helpers/test-context';

// The mailbox letters and key tasks of the supervisor's-view data set (see oversight-seed.ts).

/** "Today" of the data set: 2026-06-15 in China. */
export const TODAY = '2026-06-15T02:00:00.000Z';

/** One mailbox letter in a given state. */
export async function letter(
  ctx: TestContext,
  agencyId: string,
  l: { status: string; received: string | null; due: string | null; answered?: string; rating?: string },
) {
  const id = newId();
  await ctx.db
    .insertInto('mailbox_letters')
    .values({
      id,
      agency_id: agencyId,
      first_agency_id: agencyId,
      tracking_number: `XX${id.slice(-8)}`,
      query_code_hash: 'x',
      type: 'consult',
      subject: '咨询',
      content: '来信内容',
      writer_name_sealed: 'x',
      writer_name_masked: '张*',
      phone_sealed: 'x',
      phone_masked: '138****5678',
      email_masked: '',
      consent: 0,
      status: l.status as never,
      received_on: l.received,
      deadline_days: l.due ? 10 : null,
      due_on: l.due,
      answered_on: l.answered ?? null,
      rating: (l.rating ?? null) as never,
      created_at: TODAY,
      updated_at: TODAY,
    })
    .execute();
}

/** A 2026 key-task list item decomposed into three tasks for A and one for B. */
export async function keyTasks(ctx: TestContext, a: string, b: string) {
  const itemId = newId();
  await ctx.db
    .insertInto('key_task_items')
    .values({
      id: itemId,
      year: 2026,
      text_key: itemId,
      seq: '1',
      category: '政务公开',
      title: '推进政策解读',
      requirement: '每项政策同步解读',
      lead_units: '各部门',
      deadline_text: '2026年底',
      deadline_on: '2026-12-31',
      source_name: '清单.xlsx',
      source_row: 2,
      created_by: null,
      created_at: TODAY,
      updated_at: TODAY,
    })
    .execute();
  const task = (agencyId: string, state: 'open' | 'submitted' | 'accepted', deadline: string) => ({
    id: newId(),
    item_id: itemId,
    agency_id: agencyId,
    owner_user_id: null,
    owner_name: '李四',
    deadline_on: deadline,
    evidence_required: '链接',
    state,
    created_by: null,
    created_at: TODAY,
    updated_at: TODAY,
  });
  const tasks = [
    task(a, 'accepted', '2026-04-01'),
    task(a, 'open', '2026-05-01'),
    task(a, 'open', '2026-12-01'),
    task(b, 'submitted', '2026-12-01'),
  ];
  await ctx.db.insertInto('key_tasks').values(tasks).execute();
  // evidence on the late task of A and on B's: only A's third task has none
  for (const t of [tasks[1], tasks[3]])
    await ctx.db
      .insertInto('key_task_evidence')
      .values({
        id: newId(),
        task_id: t?.id ?? '',
        kind: 'item',
        item_id: null,
        note: '佐证',
        original_name: null,
        stored_name: null,
        media_type: null,
        size: null,
        sha256: null,
        created_by: null,
        created_at: TODAY,
        deleted_at: null,
      })
      .execute();
}
