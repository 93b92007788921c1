import type { Context } from '../../core/context';
import { AppError, type FieldErrors } from '../../core/errors';
import { businessRoles } from '../accounts';
import { type Actor, auditedTransaction } from '../audit';
import { checkIndexTemplate } from './index-number';
import { agencyReviewChain } from './review.service';
import { checkReviewChain, type ReviewStep } from './review-chain';

// An agency's publishing settings (rules are data, editable in the back office by the system
// administrator): its 索引号 template and its review chain.

export interface PublishingSettings {
  indexTemplate: string;
  steps: ReviewStep[];
}

/** The current settings of an agency. */
export async function publishingSettingsOf(ctx: Context, agencyId: string): Promise<PublishingSettings> {
  const agency = await ctx.db
    .selectFrom('agencies')
    .select('index_template')
    .where('id', '=', agencyId)
    .executeTakeFirst();
  if (!agency) throw new AppError('not_found', '机构不存在');
  return { indexTemplate: agency.index_template, steps: await agencyReviewChain(ctx.db, agencyId) };
}

/** Saves both settings after checking each; the field errors name what is wrong. */
export async function savePublishingSettings(
  ctx: Context,
  actor: Actor,
  agencyId: string,
  input: PublishingSettings,
) {
  await publishingSettingsOf(ctx, agencyId);
  const errors: FieldErrors = {};
  const templateProblem = checkIndexTemplate(input.indexTemplate.trim());
  if (templateProblem) errors.indexTemplate = templateProblem;
  const badRole = input.steps.find((s) => !(businessRoles as readonly string[]).includes(s.role));
  const chainProblem = badRole ? `未知角色 ${badRole.role}` : checkReviewChain(input.steps);
  if (chainProblem) errors.steps = chainProblem;
  if (Object.keys(errors).length)
    throw new AppError('validation', Object.values(errors).join('；'), { fields: errors });
  await auditedTransaction(ctx, actor, async (trx) => {
    const now = ctx.clock.now().toISOString();
    const steps = JSON.stringify(input.steps);
    await trx
      .updateTable('agencies')
      .set({ index_template: input.indexTemplate.trim(), updated_at: now })
      .where('id', '=', agencyId)
      .execute();
    await trx
      .insertInto('review_chains')
      .values({ agency_id: agencyId, steps, updated_at: now })
      .onConflict((oc) => oc.column('agency_id').doUpdateSet({ steps, updated_at: now }))
      .execute();
    return {
      result: undefined,
      audit: {
        action: 'agency.publishing_settings_changed',
        objectType: 'agency',
        objectId: agencyId,
        agencyId,
        details: { ...input },
      },
    };
  });
}
