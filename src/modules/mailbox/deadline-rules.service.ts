import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Context } from '../../core/context';
import { AppError } from '../../core/errors';
import { parseInput } from '../../core/validation';
import type { DB } from '../../db/schema';
import type { LetterType } from '../../db/schema-mailbox';
import type { Principal } from '../accounts';
import { type Actor, auditedTransaction } from '../audit';
import { DEFAULT_DEADLINES, MAX_DEADLINE_DAYS } from './letter-deadline';
import { LETTER_TYPES, letterTypeLabels } from './letter-input';

// The per-type reply deadlines are data (architecture.md "rules are data"), kept by the system
// administrator or the district supervisor, every change audited. A change applies to letters received
// afterwards: a letter keeps the rule in force on its day of receipt (deadline_days on the letter).

export type DeadlineRules = Record<LetterType, number>;

/** The deadlines in force, falling back to the defaults for a type with no row. */
export async function deadlineRules(db: Kysely<DB>): Promise<DeadlineRules> {
  const rows = await db.selectFrom('mailbox_deadlines').select(['type', 'working_days']).execute();
  const rules = { ...DEFAULT_DEADLINES };
  for (const r of rows) rules[r.type] = Number(r.working_days);
  return rules;
}

/** Whether the principal may change the deadlines. */
export function mayEditDeadlines(p: Principal): boolean {
  return p.adminRole === 'system' || p.grants.some((g) => g.role === 'supervisor');
}

const daysField = (type: LetterType) =>
  z.coerce
    .number({ error: `${letterTypeLabels[type]}：请填写工作日数` })
    .int(`${letterTypeLabels[type]}：须为整数`)
    .min(1, `${letterTypeLabels[type]}：至少 1 个工作日`)
    .max(MAX_DEADLINE_DAYS, `${letterTypeLabels[type]}：不超过 ${MAX_DEADLINE_DAYS} 个工作日`);

const rulesSchema = z.object(
  Object.fromEntries(LETTER_TYPES.map((t) => [t, daysField(t)])) as Record<
    LetterType,
    ReturnType<typeof daysField>
  >,
);

/** Saves the deadlines from the settings form. */
export async function saveDeadlineRules(
  ctx: Context,
  principal: Principal,
  actor: Actor,
  raw: unknown,
): Promise<DeadlineRules> {
  if (!mayEditDeadlines(principal))
    throw new AppError('forbidden', '只有系统管理员或区政务公开主管可以修改答复时限');
  const input = parseInput(rulesSchema, raw) as DeadlineRules;
  const before = await deadlineRules(ctx.db);
  const now = ctx.clock.now().toISOString();
  return auditedTransaction(ctx, actor, async (trx) => {
    for (const type of LETTER_TYPES) {
      await trx
        .insertInto('mailbox_deadlines')
        .values({ type, working_days: input[type], updated_at: now, updated_by: principal.userId })
        .onConflict((oc) =>
          oc
            .column('type')
            .doUpdateSet({ working_days: input[type], updated_at: now, updated_by: principal.userId }),
        )
        .execute();
    }
    return {
      result: input,
      audit: {
        action: 'mailbox.deadlines_changed',
        objectType: 'mailbox_deadlines',
        details: { before, after: input },
      },
    };
  });
}
