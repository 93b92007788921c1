import type { Kysely } from 'kysely';
import { chinaDay } from '../../core/clock';
import type { Context } from '../../core/context';
import { AppError } from '../../core/errors';
import type { DB } from '../../db/schema';
import type { Application, ApplicationStatus } from '../../db/schema-applications';
import type { Principal } from '../accounts';
import { type Actor, auditedTransaction } from '../audit';
import { type CaseNeed, caseFor } from './case-access';
import { refreshDue } from './case-deadline';
import { appendCaseEvent, type NewCaseEvent } from './case-events';
import { type CaseAction, canTake, caseActionLabels } from './case-workflow';

// One step of a case, the same way for every action: check the role and the state machine, do the
// work, record the event, move the status (guarded by the version read, so two simultaneous steps on one
// case give exactly one transition), recompute the due date, and audit — all in one transaction.

export interface StepOutcome {
  status?: ApplicationStatus;
  patch?: Partial<
    Pick<Application, 'assigned_to' | 'outcome' | 'outcome_note' | 'decided_on' | 'closed_on' | 'received_on'>
  >;
  events: NewCaseEvent[];
  details?: Record<string, unknown>;
  afterwards?: (trx: Kysely<DB>) => Promise<void>; // runs once the new due date is known (receipt letter)
}

export interface StepContext {
  trx: Kysely<DB>;
  app: Application;
  today: string; // China date
}

/**
 * Runs one case action for a signed-in member of staff. `work` parses the step's form, so the case is
 * loaded and the role checked first: 404 for another agency's case and 403 for a role without the step
 * come before 400, and a form says nothing to someone who may not use it.
 */
export async function takeCaseStep(
  ctx: Context,
  principal: Principal,
  actor: Actor,
  id: string,
  action: CaseAction,
  need: CaseNeed,
  work: (step: StepContext) => Promise<StepOutcome>,
): Promise<Application> {
  return auditedTransaction(ctx, actor, async (trx) => {
    const app = await caseFor(trx, principal, id, need);
    if (!canTake(action, app.status))
      throw new AppError('conflict', `当前状态下不能执行“${caseActionLabels[action]}”，请刷新页面后重试`);
    const today = chinaDay(ctx.clock.now());
    const outcome = await work({ trx, app, today });
    const moved = await trx
      .updateTable('applications')
      .set((eb) => ({
        ...outcome.patch,
        status: outcome.status ?? app.status,
        updated_at: ctx.clock.now().toISOString(),
        version: eb('version', '+', 1),
      }))
      .where('id', '=', id)
      .where('version', '=', app.version)
      .executeTakeFirst();
    if (Number(moved.numUpdatedRows) !== 1)
      throw new AppError('conflict', '该申请刚被他人办理，请刷新页面后重试');
    for (const event of outcome.events) await appendCaseEvent(trx, ctx, id, actor, event);
    await refreshDue(trx, ctx, id);
    await outcome.afterwards?.(trx);
    const updated = await trx
      .selectFrom('applications')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    return {
      result: updated,
      audit: {
        action: `application.${action}`,
        objectType: 'application',
        objectId: id,
        agencyId: app.agency_id,
        details: { trackingNumber: app.tracking_number, ...outcome.details },
      },
    };
  });
}
