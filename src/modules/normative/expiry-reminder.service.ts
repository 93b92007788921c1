import type { Kysely } from 'kysely';
import type { Context } from '../../core/context';
import type { DB } from '../../db/schema';
import { enqueueMail } from '../mail';
import { expiringNormatives } from './normative-query';

// Expiry reminders (law-and-formats.md §3.5): in the last six months of validity the issuing agency
// evaluates the document and amends, re-registers or lets it lapse. The window is expiringNormatives'
// (reminderFrom), so the back-office list and the mail never disagree. One mail per document and person,
// ever: the dedupe key makes a re-run send nothing new, and a missed day is caught up by the next run
// because every document still inside the window is considered each time.

// Who acts on an agency's normative documents: its editors and reviewers (not supervisors).
const RECIPIENT_ROLES = ['editor', 'reviewer1', 'reviewer2', 'reviewer3'] as const;

type ExpiringDocument = Awaited<ReturnType<typeof expiringNormatives>>[number];

/** Queues the reminders due today for every agency; returns how many mails were newly queued. */
export async function sendExpiryReminders(ctx: Context): Promise<number> {
  const documents = await expiringNormatives(ctx, 'all');
  let queued = 0;
  for (const doc of documents) {
    const recipients = await editorsAndReviewersOf(ctx.db, doc.agency_id);
    if (recipients.length === 0) continue;
    const now = ctx.clock.now().toISOString();
    queued += await ctx.db.transaction().execute(async (trx) => {
      let n = 0;
      for (const person of recipients) {
        const mail = { to: person.email, dedupeKey: `normative-expiry:${doc.id}:${person.id}` };
        if (await enqueueMail(trx, { ...mail, ...expiryReminderText(doc, person.display_name) }, now)) n++;
      }
      return n;
    });
  }
  return queued;
}

/**
 * The agency's enabled editors and reviewers with a mail address: who acts on its normative documents,
 * and who prepares, reviews and signs its annual report (src/modules/report-reminders).
 */
export async function editorsAndReviewersOf(db: Kysely<DB>, agencyId: string) {
  const rows = await db
    .selectFrom('users')
    .innerJoin('user_roles', 'user_roles.user_id', 'users.id')
    .select(['users.id', 'users.display_name', 'users.email'])
    .where('user_roles.agency_id', '=', agencyId)
    .where('user_roles.role', 'in', [...RECIPIENT_ROLES])
    .where('users.disabled', '=', 0)
    .where('users.email', 'is not', null)
    .distinct()
    .orderBy('users.id')
    .execute();
  return rows.flatMap((r) => (r.email ? [{ ...r, email: r.email }] : []));
}

/** The reminder's subject and body, in the words of the evaluation duty. */
export function expiryReminderText(doc: ExpiringDocument, recipientName: string) {
  const until = chineseDate(doc.valid_until);
  return {
    subject: `规范性文件即将到期：《${doc.title}》（${until}届满）`,
    text: [
      `${recipientName}：`,
      '',
      '本单位以下规范性文件将在六个月内有效期届满：',
      '',
      `文件名称：《${doc.title}》`,
      `登记号：${doc.registration_number}`,
      `有效期至：${until}`,
      '',
      '请在有效期届满前组织评估：需要继续执行的，按程序修订后重新登记发布；不再适用的，宣布失效或废止。',
      '逾期未处理的，文件将于有效期届满次日自动失效，并在门户标注“失效”。',
      '',
      '请登录政务公开平台后台“信息管理”查看该文件。本邮件由系统自动发送，请勿回复。',
    ].join('\n'),
  };
}

function chineseDate(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}
