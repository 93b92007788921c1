import type { Kysely } from 'kysely';
import { chinaDay } from '../../core/clock';
import type { Context } from '../../core/context';
import type { DB, InterpretationTable } from '../../db/schema';
import { addWorkingDays, loadCalendar } from '../calendar';
import { COPY_WARNING_THRESHOLD, copiedShare } from './overlap';

// 政策解读 (国办发〔2016〕80号 §二; law-and-formats.md §4): an interpretation is its own item, linked to the
// policy it explains, in a form people read. 三同步: a policy and its interpretation are signed and
// published together — the rule itself is applied by the review and publishing services.

export const interpretationForms: Record<InterpretationTable['form'], string> = {
  text: '文字解读',
  qa: '问答',
  graphic: '图解',
  video: '视频',
  interview: '访谈',
  press: '新闻发布会',
};

export const INTERPRETATION_GENRE = '政策解读';
const POLICY_GENRES = ['规章', '规范性文件'];

/** Whether an item is a policy that needs its interpretation (规章, 规范性文件, or marked as major). */
export function isPolicyItem(item: { genre: string | null; is_policy: number }): boolean {
  return item.is_policy === 1 || POLICY_GENRES.includes(item.genre ?? '');
}

/** Links (or relinks) an interpretation draft to its policy. */
export async function linkInterpretation(
  trx: Kysely<DB>,
  itemId: string,
  policyItemId: string,
  form: InterpretationTable['form'],
  now: string,
): Promise<void> {
  await trx
    .insertInto('interpretations')
    .values({ item_id: itemId, policy_item_id: policyItemId, form, created_at: now })
    .onConflict((oc) => oc.column('item_id').doUpdateSet({ policy_item_id: policyItemId, form }))
    .execute();
}

/** Removes the link when an item stops being an interpretation. */
export async function unlinkInterpretation(trx: Kysely<DB>, itemId: string): Promise<void> {
  await trx.deleteFrom('interpretations').where('item_id', '=', itemId).execute();
}

/** The policy an interpretation explains, or undefined. */
export function interpretationOf(db: Kysely<DB>, itemId: string) {
  return db.selectFrom('interpretations').selectAll().where('item_id', '=', itemId).executeTakeFirst();
}

/** The interpretations of a policy with their status, title and form. */
export function interpretationsOfPolicy(db: Kysely<DB>, policyItemId: string) {
  return db
    .selectFrom('interpretations')
    .innerJoin('items', 'items.id', 'interpretations.item_id')
    .select(['items.id', 'items.title', 'items.status', 'items.visibility', 'interpretations.form'])
    .where('interpretations.policy_item_id', '=', policyItemId)
    .execute();
}

/** Policies an interpretation may be written for: the agencies' policy items not withdrawn. */
export function policyChoices(ctx: Context, agencyIds: string[]) {
  if (agencyIds.length === 0) return Promise.resolve([]);
  return ctx.db
    .selectFrom('items')
    .select(['id', 'title', 'status'])
    .where('agency_id', 'in', agencyIds)
    .where('status', '!=', 'withdrawn')
    .where((eb) => eb.or([eb('genre', 'in', POLICY_GENRES), eb('is_policy', '=', 1)]))
    .orderBy('updated_at', 'desc')
    .limit(200)
    .execute();
}

/**
 * Policies the agencies published that still have no published interpretation (the back-office list),
 * each with the day its interpretation is due: the policy's publication day plus the configured lag.
 */
export async function policiesWithoutInterpretation(ctx: Context, agencyIds: string[] | 'all') {
  if (agencyIds !== 'all' && agencyIds.length === 0) return [];
  let q = ctx.db
    .selectFrom('items')
    .select(['id', 'title', 'published_at', 'agency_id'])
    .where('status', '=', 'published')
    .where((eb) => eb.or([eb('genre', 'in', POLICY_GENRES), eb('is_policy', '=', 1)]))
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('interpretations')
            .innerJoin('items as i', 'i.id', 'interpretations.item_id')
            .select('interpretations.item_id')
            .whereRef('interpretations.policy_item_id', '=', 'items.id')
            .where('i.status', '=', 'published'),
        ),
      ),
    );
  if (agencyIds !== 'all') q = q.where('agency_id', 'in', agencyIds);
  const rows = await q.orderBy('published_at', 'desc').execute();
  const today = chinaDay(ctx.clock.now());
  const { isWorkday } = await loadCalendar(ctx.db);
  return rows.map((r) => {
    const publishedOn = chinaDay(new Date(r.published_at ?? ''));
    const dueOn = addWorkingDays(publishedOn, ctx.config.interpretationLagDays, isWorkday);
    return { ...r, dueOn, overdue: today > dueOn };
  });
}

/** The copied share of an interpretation and whether it should be flagged as an excerpt (摘抄). */
export function excerptWarning(
  interpretationText: string,
  policyText: string,
): { share: number; warn: boolean } {
  const share = copiedShare(interpretationText, policyText);
  return { share, warn: share >= COPY_WARNING_THRESHOLD };
}
