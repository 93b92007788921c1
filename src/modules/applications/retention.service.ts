import type { Kysely } from 'kysely';
import { chinaDay } from '../../core/clock';
import type { Context } from '../../core/context';
import type { DB } from '../../db/schema';
import { auditedTransaction, systemActor } from '../audit';
import { purgedApplicant } from './applicant-record';
import { appendCaseEvent } from './case-events';

// Personal data is kept only as long as needed (个人信息保护法 Art. 19): when the configured retention
// period after a case closed has passed, its personal fields are deleted; the case, its outcome and its
// letters' record remain for the annual report and the archive.

// The letters as issued stay in the archive, but the applicant's name in them goes with the rest.
async function redactLetters(trx: Kysely<DB>, applicationId: string, names: string[]): Promise<void> {
  const letters = await trx
    .selectFrom('application_letters')
    .select(['id', 'content'])
    .where('application_id', '=', applicationId)
    .execute();
  const scrub = (text: string) => names.filter(Boolean).reduce((t, n) => t.split(n).join('申请人'), text);
  for (const letter of letters) {
    const content = JSON.parse(letter.content) as { addressee?: string; paragraphs?: string[] };
    const redacted = {
      ...content,
      addressee: scrub(content.addressee ?? ''),
      paragraphs: (content.paragraphs ?? []).map(scrub),
    };
    await trx
      .updateTable('application_letters')
      .set({ content: JSON.stringify(redacted) })
      .where('id', '=', letter.id)
      .execute();
  }
}

/** Deletes the personal fields of cases closed longer ago than the retention period; returns how many. */
export async function purgeExpiredApplicants(ctx: Context): Promise<number> {
  const now = ctx.clock.now();
  const cutoff = new Date(now);
  cutoff.setUTCFullYear(cutoff.getUTCFullYear() - ctx.config.applications.retentionYears);
  const due = await ctx.db
    .selectFrom('applications')
    .select(['id', 'agency_id', 'applicant_name', 'contact_person'])
    .where('purged_at', 'is', null)
    .where('status', 'in', ['closed', 'rejected_spam'])
    .where('updated_at', '<', cutoff.toISOString()) // the last change of the case: its closing
    .execute();
  for (const app of due) {
    await auditedTransaction(ctx, systemActor('retention'), async (trx) => {
      await trx
        .updateTable('applications')
        .set(purgedApplicant(now.toISOString()))
        .where('id', '=', app.id)
        .execute();
      await redactLetters(trx, app.id, [app.applicant_name, app.contact_person ?? '']);
      await appendCaseEvent(trx, ctx, app.id, systemActor('retention'), {
        kind: 'purged',
        onDate: chinaDay(now),
      });
      return {
        result: undefined,
        audit: {
          action: 'application.purged',
          objectType: 'application',
          objectId: app.id,
          agencyId: app.agency_id,
        },
      };
    });
  }
  return due.length;
}
