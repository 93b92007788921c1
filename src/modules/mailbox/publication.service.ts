import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Context } from '../../core/context';
import { AppError } from '../../core/errors';
import { openText } from '../../core/secrets';
import type { DB } from '../../db/schema';
import type { LetterType, MailboxLetter } from '../../db/schema-mailbox';
import type { Principal } from '../accounts';
import { piiTypeLabels } from '../compliance';
import { letterFor } from './letter-access';
import { letterStep } from './letter-step';
import { type KnownPersonalData, proposeMasked, unmaskedFindings } from './masking-proposal';

// 选登 (portal-standards.md §8.2): a letter and its reply are published only with the writer's consent and
// after 脱敏. The privacy recognisers propose the masked text; a person reads it, edits it and confirms; the
// writer's own name and numbers can never be published; the page shows 来信日期、答复日期、答复单位.

export interface PublicationTexts {
  subject: string;
  content: string;
  reply: string;
}

function knownOf(ctx: Context, l: MailboxLetter): KnownPersonalData {
  return {
    name: openText(ctx.keys.secret, l.writer_name_sealed),
    phone: openText(ctx.keys.secret, l.phone_sealed),
    email: l.email_sealed ? openText(ctx.keys.secret, l.email_sealed) : null,
  };
}

/** The masked texts proposed for a letter the writer agreed to publish. */
export async function publicationProposal(ctx: Context, p: Principal, id: string): Promise<PublicationTexts> {
  const l = await letterFor(ctx.db, p, id, 'handle');
  const known = knownOf(ctx, l);
  const now = ctx.clock.now();
  return {
    subject: proposeMasked(l.subject, known, now),
    content: proposeMasked(l.content, known, now),
    reply: proposeMasked(l.reply ?? '', known, now),
  };
}

const publishSchema = z.object({
  subject: z.string({ error: '请填写公开标题' }).trim().min(2, '请填写公开标题').max(60, '标题不超过 60 字'),
  content: z
    .string({ error: '请填写公开的来信内容' })
    .trim()
    .min(2, '请填写公开的来信内容')
    .max(2000, '来信内容不超过 2000 字'),
  reply: z
    .string({ error: '请填写公开的答复内容' })
    .trim()
    .min(2, '请填写公开的答复内容')
    .max(6000, '答复内容不超过 6000 字'),
  checked: z.literal('1', { error: '请确认已逐字核对，文中不含个人信息' }),
  acceptFindings: z.string().optional(),
});

function residualProblems(ctx: Context, l: MailboxLetter, texts: PublicationTexts, accept: boolean) {
  const known = knownOf(ctx, l);
  const all = `${texts.subject}\n${texts.content}\n${texts.reply}`;
  const literal = [known.name, known.phone, known.email].filter((v): v is string =>
    Boolean(v && v.length >= 2),
  );
  if (literal.some((v) => all.includes(v)))
    throw new AppError('validation', '公开文本仍含有来信人的姓名或联系方式', {
      fields: { content: '请删除或遮盖来信人的姓名、电话、邮箱' },
    });
  const findings = unmaskedFindings(all, ctx.clock.now());
  if (findings.length > 0 && !accept) {
    const list = findings.map((f) => `${piiTypeLabels[f.type]}“${f.text}”`).join('、');
    throw new AppError('validation', `公开文本可能仍含个人信息：${list}`, {
      fields: {
        acceptFindings: `可能仍含个人信息：${list}。请修改；确认不是个人信息的，勾选“已核对以上提示”`,
      },
    });
  }
  return findings.length;
}

/** Publishes the checked texts of an answered letter on the agency's 信箱 column. */
export const publishLetter = letterStep(
  { action: 'publish', label: '选登公开', need: 'handle', from: ['answered'] },
  publishSchema,
  async ({ ctx, input }, _t, l, today) => {
    if (l.consent !== 1) throw new AppError('conflict', '来信人未同意公开，不能选登');
    if (l.published === 1) throw new AppError('conflict', '该来信已选登');
    const accepted = residualProblems(ctx, l, input, input.acceptFindings === '1');
    return {
      patch: {
        published: 1,
        published_subject: input.subject,
        published_content: input.content,
        published_reply: input.reply,
        published_at: ctx.clock.now().toISOString(),
      },
      events: [{ kind: 'published', onDate: today, data: accepted ? { acceptedFindings: accepted } : {} }],
      details: { acceptedFindings: accepted },
    };
  },
);

/** Takes a published letter off the site (the texts stay for the record). */
export const unpublishLetter = letterStep(
  { action: 'unpublish', label: '撤下选登', need: 'handle', from: ['answered'] },
  z.object({ reason: z.string({ error: '请填写撤下理由' }).trim().min(2, '请填写撤下理由').max(500) }),
  async ({ input }, _t, l, today) => {
    if (l.published !== 1) throw new AppError('conflict', '该来信未选登');
    return { patch: { published: 0 }, events: [{ kind: 'unpublished', onDate: today, note: input.reason }] };
  },
);

export interface PublishedLetter {
  id: string;
  type: LetterType;
  subject: string;
  content: string;
  reply: string;
  receivedOn: string;
  answeredOn: string;
  agencyName: string;
  agencyCode: string;
}

function publishedQuery(db: Kysely<DB>) {
  return db
    .selectFrom('mailbox_letters as l')
    .innerJoin('agencies as a', 'a.id', 'l.answered_agency_id')
    .select([
      'l.id',
      'l.type',
      'l.published_subject',
      'l.published_content',
      'l.published_reply',
      'l.received_on',
      'l.answered_on',
      'a.name',
      'a.code',
      'l.first_agency_id',
      'l.answered_agency_id',
    ])
    .where('l.published', '=', 1)
    .where('l.consent', '=', 1)
    .where('l.status', '=', 'answered');
}

type PublishedRow = Awaited<ReturnType<ReturnType<typeof publishedQuery>['execute']>>[number];
const present = (r: PublishedRow): PublishedLetter => ({
  id: r.id,
  type: r.type,
  subject: r.published_subject ?? '',
  content: r.published_content ?? '',
  reply: r.published_reply ?? '',
  receivedOn: r.received_on ?? '',
  answeredOn: r.answered_on ?? '',
  agencyName: r.name,
  agencyCode: r.code,
});

/** Published letters, newest answer first: one agency's (written to it or answered by it) or all. */
export async function publishedLetters(
  db: Kysely<DB>,
  agencyId: string | null,
  limit = 50,
): Promise<PublishedLetter[]> {
  let q = publishedQuery(db);
  if (agencyId)
    q = q.where((eb) =>
      eb.or([eb('l.answered_agency_id', '=', agencyId), eb('l.first_agency_id', '=', agencyId)]),
    );
  const rows = await q.orderBy('l.answered_on', 'desc').orderBy('l.id', 'desc').limit(limit).execute();
  return rows.map(present);
}

/** One published letter; 404 for anything not published. */
export async function publishedLetter(db: Kysely<DB>, id: string): Promise<PublishedLetter> {
  const row = await publishedQuery(db).where('l.id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('not_found', '信件不存在或未公开');
  return present(row);
}

/**
 * Per agency, how many published letters its 信箱 column shows and when the latest was published: the
 * whole-site inspection judges that column's freshness by its letters, not by catalogue items.
 */
export async function mailboxColumnTotals(
  db: Kysely<DB>,
): Promise<Map<string, { count: number; last: string }>> {
  const rows = await db
    .selectFrom('mailbox_letters')
    .select(['first_agency_id', 'answered_agency_id', 'published_at'])
    .where('published', '=', 1)
    .where('consent', '=', 1)
    .where('status', '=', 'answered')
    .execute();
  const totals = new Map<string, { count: number; last: string }>();
  for (const r of rows) {
    for (const agencyId of new Set([r.first_agency_id, r.answered_agency_id])) {
      if (!agencyId || !r.published_at) continue;
      const t = totals.get(agencyId) ?? { count: 0, last: '' };
      t.count += 1;
      if (r.published_at > t.last) t.last = r.published_at;
      totals.set(agencyId, t);
    }
  }
  return totals;
}
