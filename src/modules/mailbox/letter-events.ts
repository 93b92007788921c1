import type { Kysely } from 'kysely';
import type { Context } from '../../core/context';
import { newId } from '../../core/ids';
import type { DB } from '../../db/schema';
import type { MailboxEvent } from '../../db/schema-mailbox';
import type { Actor } from '../audit';

// The letter's history (12345 意见: 受理、调度、办理、回复、督办、办结、回访、评价 each recorded): every step is
// an event with who, when and for which agency. Events are only ever added. The public sees the steps
// and their days, never the staff names.

export interface NewLetterEvent {
  kind: string;
  onDate: string;
  data?: Record<string, unknown>;
  note?: string;
}

/** Adds one event to a letter inside the caller's transaction. */
export async function appendLetterEvent(
  trx: Kysely<DB>,
  ctx: Pick<Context, 'clock'>,
  letter: { id: string; agency_id: string },
  actor: Actor | null,
  event: NewLetterEvent,
): Promise<void> {
  await trx
    .insertInto('mailbox_events')
    .values({
      id: newId(),
      letter_id: letter.id,
      agency_id: letter.agency_id,
      kind: event.kind,
      on_date: event.onDate,
      at: ctx.clock.now().toISOString(),
      actor_id: actor?.userId ?? null,
      actor_name: actor ? (actor.name ?? '系统') : '来信人',
      data: JSON.stringify(event.data ?? {}),
      note: event.note ?? '',
    })
    .execute();
}

/** A letter's events, oldest first. */
export function letterEvents(db: Kysely<DB>, letterId: string): Promise<MailboxEvent[]> {
  return db
    .selectFrom('mailbox_events')
    .selectAll()
    .where('letter_id', '=', letterId)
    .orderBy('at')
    .orderBy('id')
    .execute();
}

export const letterEventLabels: Record<string, string> = {
  submitted: '网上来信',
  held: '进入待核队列',
  released: '确认为有效来信',
  set_aside: '认定为非来信，搁置',
  received: '收信（起算日）',
  accepted: '受理',
  rejected: '不予受理',
  assigned: '分办',
  forwarded: '转办',
  forwarded_in: '收到转办来信',
  merged: '作为重复来信并入',
  duplicate_added: '并入重复来信',
  drafted: '拟写答复',
  review_returned: '答复退回修改',
  review_approved: '答复审核通过',
  sent: '答复',
  publication_prepared: '生成去标识化文本',
  published: '选登公开',
  unpublished: '撤下选登',
  rated: '来信人评价',
  warned: '临期提醒',
  escalated: '超期督办',
  red_line_alarm: '三个月红线预警',
  unmasked: '查看来信人完整信息',
};

// What the writer's page shows: the steps that concern them, in plain words, without staff or notes.
const publicKinds: Record<string, string> = {
  submitted: '来信已提交',
  held: '来信已保存，待工作人员确认',
  released: '来信已确认',
  received: '来信已收到',
  accepted: '来信已受理',
  rejected: '来信不予受理',
  assigned: '已交承办人员办理',
  forwarded: '已转有关单位办理',
  merged: '与相同诉求来信合并办理',
  sent: '已答复',
  published: '已在网站选登',
  rated: '已评价',
};

/** The public history: kinds the writer may see, with the day; forwards name the receiving agency. */
export function publicHistory(events: readonly MailboxEvent[]): { onDate: string; label: string }[] {
  return events
    .filter((e) => Object.hasOwn(publicKinds, e.kind))
    .map((e) => {
      const data = JSON.parse(e.data) as Record<string, unknown>;
      const to = e.kind === 'forwarded' && typeof data.toName === 'string' ? `：${data.toName}` : '';
      return { onDate: e.on_date, label: `${publicKinds[e.kind]}${to}` };
    });
}
