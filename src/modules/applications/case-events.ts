import type { Kysely } from 'kysely';
import type { Context } from '../../core/context';
import { newId } from '../../core/ids';
import type { DB } from '../../db/schema';
import type { ApplicationEvent } from '../../db/schema-applications';
import type { Actor } from '../audit';
import type { ClockEvent } from './case-clock';

// The case history (条例 Art. 45: 登记、审核、办理、答复、归档 each recorded): every step is an event with
// its legal date, who took it and when. Events are only ever added.

export interface NewCaseEvent {
  kind: string;
  onDate: string; // the legal date of the step, YYYY-MM-DD
  data?: Record<string, unknown>;
  note?: string;
}

/** Adds one event to a case inside the caller's transaction. */
export async function appendCaseEvent(
  trx: Kysely<DB>,
  ctx: Pick<Context, 'clock'>,
  applicationId: string,
  actor: Actor | null,
  event: NewCaseEvent,
): Promise<void> {
  await trx
    .insertInto('application_events')
    .values({
      id: newId(),
      application_id: applicationId,
      kind: event.kind,
      on_date: event.onDate,
      at: ctx.clock.now().toISOString(),
      actor_id: actor?.userId ?? null,
      actor_name: actor?.name ?? '申请人',
      data: JSON.stringify(event.data ?? {}),
      note: event.note ?? '',
    })
    .execute();
}

/** A case's events, oldest first (ids are time-ordered UUIDv7, so they break ties in one instant). */
export async function caseEvents(db: Kysely<DB>, applicationId: string): Promise<ApplicationEvent[]> {
  return db
    .selectFrom('application_events')
    .selectAll()
    .where('application_id', '=', applicationId)
    .orderBy('at')
    .orderBy('id')
    .execute();
}

/** Events with their data parsed, as the clock reads them. */
export function asClockEvents(events: readonly ApplicationEvent[]): ClockEvent[] {
  return events.map((e) => ({ kind: e.kind, on_date: e.on_date, data: JSON.parse(e.data) }));
}

export const caseEventLabels: Record<string, string> = {
  submitted: '网上提交申请',
  registered: '登记申请',
  held: '进入待核队列',
  released: '确认受理',
  dismissed: '认定为非申请',
  received: '收到申请（起算日）',
  correction_requested: '发出补正告知',
  correction_received: '收到补正材料（重新起算）',
  correction_lapsed: '逾期未补正，不再处理',
  assigned: '分办',
  consultation_started: '征求意见（中止计时）',
  consultation_ended: '征求意见结束（恢复计时）',
  extended: '延期答复',
  fee_noticed: '发出收费通知（中止计时）',
  fee_paid: '已缴费（恢复计时）',
  fee_lapsed: '逾期未缴费，不再处理',
  decided: '作出答复决定',
  delivered: '答复已送达',
  letter_issued: '出具文书',
  calendar_changed: '工作日历调整，期限重算',
  appeal_recorded: '登记行政复议或诉讼',
  appeal_updated: '更新行政复议或诉讼结果',
  unmasked: '查看申请人完整信息',
  purged: '保存期满，删除个人信息',
};
