import type { Kysely } from 'kysely';
import { chinaDay } from '../../core/clock';
import type { Context } from '../../core/context';
import { AppError } from '../../core/errors';
import { newId } from '../../core/ids';
import type { DB } from '../../db/schema';
import type { Application, ApplicationLetter } from '../../db/schema-applications';
import { nextSequence } from '../../db/sequences';
import type { Actor } from '../audit';
import { appendCaseEvent } from './case-events';
import {
  fillLetter,
  formatLetterNumber,
  type LetterKey,
  letterTemplateFor,
  renderLetterDocx,
} from './letters';

// Issuing a letter of a case: the agency's template (or the default) filled with the case's facts,
// numbered per agency and year (e.g. 区经信局依申〔2026〕3号), and stored as issued — the Word file is
// rendered from that stored text, so a later template edit never changes a letter already sent.

export interface IssuedLetterContent {
  agencyName: string;
  number: string;
  title: string;
  addressee: string;
  paragraphs: string[];
  issuedOn: string;
  contact: string;
}

// Letters to a consulted third party or agency are not the applicant's to download.
const PRIVATE_KEYS = new Set(['thirdPartyConsultation', 'agencyConsultation']);

/** Issues one letter inside the caller's transaction and records it in the case history. */
export async function issueCaseLetter(
  trx: Kysely<DB>,
  ctx: Context,
  actor: Actor | null,
  app: Application,
  key: LetterKey,
  values: Record<string, string>,
): Promise<{ id: string; number: string }> {
  const agency = await trx
    .selectFrom('agencies')
    .select(['name', 'short_name', 'contact'])
    .where('id', '=', app.agency_id)
    .executeTakeFirstOrThrow();
  const issuedOn = chinaDay(ctx.clock.now());
  const fresh = await trx
    .selectFrom('applications')
    .select(['due_on'])
    .where('id', '=', app.id)
    .executeTakeFirst();
  const template = await letterTemplateFor(trx, app.agency_id, key);
  const filled = fillLetter(template, {
    applicantName: app.contact_person
      ? `${app.applicant_name}（联系人：${app.contact_person}）`
      : app.applicant_name,
    trackingNumber: app.tracking_number,
    receivedOn: app.received_on ?? issuedOn,
    description: app.description,
    agencyName: agency.name,
    dueOn: fresh?.due_on ?? '',
    issuedOn,
    contact: agency.contact ?? ctx.config.site.contact,
    reconsiderationBody: ctx.config.applications.reconsiderationBody,
    court: ctx.config.applications.court,
    basis: '',
    outcomeNote: '',
    ...values,
  });
  const year = issuedOn.slice(0, 4);
  const seq = await nextSequence(trx, app.agency_id, `letter:${year}`);
  const number = formatLetterNumber(`${agency.short_name}依申`, Number(year), seq);
  const content: IssuedLetterContent = {
    agencyName: agency.name,
    number,
    title: filled.title,
    addressee: filled.addressee,
    paragraphs: filled.paragraphs,
    issuedOn,
    contact: agency.contact ?? ctx.config.site.contact,
  };
  const id = newId();
  await trx
    .insertInto('application_letters')
    .values({
      id,
      application_id: app.id,
      agency_id: app.agency_id,
      kind: key,
      number,
      title: filled.title,
      content: JSON.stringify(content),
      issued_on: issuedOn,
      issued_by: actor?.name ?? '系统',
      public: PRIVATE_KEYS.has(key) ? 0 : 1,
      created_at: ctx.clock.now().toISOString(),
    })
    .execute();
  await appendCaseEvent(trx, ctx, app.id, actor, {
    kind: 'letter_issued',
    onDate: issuedOn,
    data: { letterId: id, key, number },
    note: `${filled.title}（${number}）`,
  });
  return { id, number };
}

/** The letters of a case, oldest first; `publicOnly` for the applicant's view. */
export async function caseLetters(
  db: Kysely<DB>,
  applicationId: string,
  publicOnly: boolean,
): Promise<ApplicationLetter[]> {
  let q = db.selectFrom('application_letters').selectAll().where('application_id', '=', applicationId);
  if (publicOnly) q = q.where('public', '=', 1);
  return q.orderBy('created_at').orderBy('id').execute();
}

/** A letter of a case as a Word file; 404 when it is not this case's (or not the applicant's to see). */
export async function letterDocx(
  db: Kysely<DB>,
  applicationId: string,
  letterId: string,
  publicOnly: boolean,
): Promise<{ fileName: string; body: Buffer }> {
  const letter = (await caseLetters(db, applicationId, publicOnly)).find((l) => l.id === letterId);
  if (!letter) throw new AppError('not_found', '文书不存在');
  const content = JSON.parse(letter.content) as IssuedLetterContent;
  return { fileName: `${letter.title}-${letter.number}.docx`, body: await renderLetterDocx(content) };
}
