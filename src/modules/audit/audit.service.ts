import type { Kysely } from 'kysely';
import type { Context } from '../../core/context';
import { AppError } from '../../core/errors';
import { lockForChainAppend } from '../../db/dialect';
import type { DB } from '../../db/schema';
import { type ChainProblem, checkAuditRow, GENESIS_MAC, macForAuditRow } from './audit-chain';

/** Who acts, from where: carried from the request into every audited service call. */
export interface Actor {
  userId: string | null;
  name: string | null;
  role: string | null;
  ip: string | null;
  requestId: string | null;
}

export const systemActor = (name = 'system'): Actor => ({
  userId: null,
  name,
  role: 'system',
  ip: null,
  requestId: null,
});

export interface AuditEvent {
  action: string;
  objectType?: string;
  objectId?: string;
  agencyId?: string | null;
  outcome?: 'success' | 'failure';
  details?: Record<string, unknown>;
}

/**
 * Appends one record to the chain inside the caller's transaction, so a failed audit write fails the
 * action (等保 8.1.4.3 d). Details must already be masked: no passwords, tokens or full ID numbers.
 */
export async function recordAudit(
  trx: Kysely<DB>,
  ctx: Pick<Context, 'clock' | 'keys'>,
  actor: Actor,
  event: AuditEvent,
): Promise<void> {
  await lockForChainAppend(trx, 'audit_log');
  const last = await trx
    .selectFrom('audit_log')
    .select(['seq', 'mac'])
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  const row = {
    seq: last ? Number(last.seq) + 1 : 1,
    at: ctx.clock.now().toISOString(),
    actor_id: actor.userId,
    actor_name: actor.name,
    actor_role: actor.role,
    agency_id: event.agencyId ?? null,
    ip: actor.ip,
    action: event.action,
    object_type: event.objectType ?? null,
    object_id: event.objectId ?? null,
    outcome: event.outcome ?? 'success',
    request_id: actor.requestId,
    details: JSON.stringify(event.details ?? {}),
    prev_mac: last?.mac ?? GENESIS_MAC,
  } as const;
  await trx
    .insertInto('audit_log')
    .values({ ...row, mac: macForAuditRow(ctx.keys.audit, row) })
    .execute();
}

export interface ChainVerification {
  rows: number;
  problem: ChainProblem | null;
}

/** Walks the whole chain in pages and stops at the first edited, missing or forged row. */
export async function verifyAuditChain(db: Kysely<DB>, auditKey: string): Promise<ChainVerification> {
  let cursor = { seq: 0, mac: GENESIS_MAC };
  let rows = 0;
  for (;;) {
    const page = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '>', cursor.seq)
      .orderBy('seq')
      .limit(5000)
      .execute();
    if (page.length === 0) return { rows, problem: null };
    for (const row of page) {
      const problem = checkAuditRow(auditKey, cursor, row);
      if (problem) return { rows, problem };
      cursor = { seq: Number(row.seq), mac: row.mac };
      rows++;
    }
  }
}

export interface AuditQuery {
  action?: string | undefined;
  actor?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  page: number;
  pageSize: number;
}

function filteredAudit(db: Kysely<DB>, q: Omit<AuditQuery, 'page' | 'pageSize'>) {
  let query = db.selectFrom('audit_log').selectAll();
  if (q.action) query = query.where('action', '=', q.action);
  if (q.actor) query = query.where('actor_name', '=', q.actor);
  if (q.from) query = query.where('at', '>=', q.from);
  if (q.to) query = query.where('at', '<', q.to);
  return query;
}

/** One page of audit records, newest first, for the audit administrator's viewer. */
export async function searchAudit(db: Kysely<DB>, q: AuditQuery) {
  const rows = await filteredAudit(db, q)
    .orderBy('seq', 'desc')
    .limit(q.pageSize + 1)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  return { rows: rows.slice(0, q.pageSize), hasMore: rows.length > q.pageSize };
}

/**
 * Runs `work` in one transaction and appends the audit record it returns in that same transaction:
 * the change and its record commit together or not at all.
 */
export async function auditedTransaction<T>(
  ctx: Context,
  actor: Actor,
  work: (trx: Kysely<DB>) => Promise<{ result: T; audit: AuditEvent | AuditEvent[] }>,
): Promise<T> {
  return ctx.db.transaction().execute(async (trx) => {
    const { result, audit } = await work(trx);
    for (const event of Array.isArray(audit) ? audit : [audit])
      await recordAuditOrFail(trx, ctx, actor, event);
    return result;
  });
}

/** Records an event that changes nothing else (a failed login, a verification run). */
export async function recordAuditAlone(ctx: Context, actor: Actor, event: AuditEvent): Promise<void> {
  await ctx.db.transaction().execute((trx) => recordAuditOrFail(trx, ctx, actor, event));
}

// 等保 8.1.4.3 d: no audit record, no action. The error rolls the caller's transaction back.
async function recordAuditOrFail(trx: Kysely<DB>, ctx: Context, actor: Actor, event: AuditEvent) {
  try {
    await recordAudit(trx, ctx, actor, event);
  } catch (cause) {
    throw new AppError('unavailable', '审计日志无法写入，操作未执行，请联系系统管理员', { cause });
  }
}

/** Every record matching the filter, oldest first, in pages: for the export (no unbounded array in memory). */
export async function* streamAudit(db: Kysely<DB>, q: Omit<AuditQuery, 'page' | 'pageSize'>) {
  let after = 0;
  for (;;) {
    const page = await filteredAudit(db, q).where('seq', '>', after).orderBy('seq').limit(2000).execute();
    if (page.length === 0) return;
    yield* page;
    after = Number(page[page.length - 1]?.seq);
  }
}
