import type { Context } from '../core/context';
import type { BusinessRole, Principal } from '../modules/accounts';
import { actorOf } from '../modules/accounts';
import {
  acceptLetter,
  assignLetter,
  draftReply,
  publicationProposal,
  publishLetter,
  rateLetter,
  reviewReply,
  sendReply,
  submitLetter,
} from '../modules/mailbox';

// Demo 部门信箱 letters for the economy bureau: two answered and published with the writer's consent (the
// masking proposed by the privacy screen, one rated), and two open ones, so the public list, the monthly
// table, the queue and the tracking page have something to show. People and numbers are invented.

async function demoPrincipal(
  ctx: Context,
  username: string,
  agencyId: string,
  role: BusinessRole,
): Promise<Principal> {
  const user = await ctx.db
    .selectFrom('users')
    .select(['id', 'display_name'])
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
  const grants = [{ agencyId, role }];
  return {
    userId: user.id,
    username,
    displayName: user.display_name,
    adminRole: null,
    grants,
    sessionId: 'demo',
    mfaPassed: true,
    passwordExpired: false,
  };
}

const letters = [
  {
    type: 'complain',
    subject: '工业园区企业夜间生产噪音扰民',
    content:
      '我是王建国，住在示范区文化路18号2单元301室。附近工业园区一家企业每晚十一点后仍在生产，噪音很大，请尽快处理。我的电话13905710001。',
    name: '王建国',
    phone: '13905710001',
    reply:
      '经我局会同区生态环境分局现场核查，该企业夜间确有高噪声作业。已责令其22时后停止高噪声工序并加装隔音设施，我局将持续跟踪。',
    rating: 'satisfied',
  },
  {
    type: 'consult',
    subject: '专精特新中小企业认定申报时间',
    content: '请问2026年度区级专精特新中小企业认定什么时候开始申报？需要准备哪些材料？',
    name: '刘晓燕',
    phone: '13805710002',
    reply:
      '2026年度申报预计于4月启动，申报通知将在本网站“通知公告”栏目发布。所需材料包括申报书、近两年财务审计报告和知识产权证明等。',
  },
  {
    type: 'suggest',
    subject: '建议增设企业服务专窗',
    content: '建议在区政务服务中心为中小企业增设惠企政策咨询专窗，方便企业了解政策。',
    name: '陈立',
    phone: '13705710003',
    consent: 'no',
  },
  {
    type: 'help',
    subject: '企业技改补助资金拨付进度',
    content: '我公司去年申报的技术改造补助已公示，请问资金何时拨付？',
    name: '赵海',
    phone: '13605710004',
  },
] as const;

/** Writes the demo letters and takes the first two through to publication. */
export async function addDemoLetters(ctx: Context, agencyIds: Map<string, string>): Promise<void> {
  const jxj = agencyIds.get('jxj');
  if (!jxj) return;
  const editor = await demoPrincipal(ctx, 'jxj.editor', jxj, 'editor');
  const chief = await demoPrincipal(ctx, 'jxj.chief', jxj, 'reviewer1');
  const as = (p: Principal) => [ctx, p, actorOf(p, '127.0.0.1', 'demo')] as const;
  for (const [i, l] of letters.entries()) {
    const consent = 'consent' in l ? l.consent : 'yes';
    const fields = {
      type: l.type,
      subject: l.subject,
      content: l.content,
      name: l.name,
      phone: l.phone,
      email: '',
      consent,
    };
    const receipt = await submitLetter(ctx, jxj, fields, `192.0.2.${30 + i}`);
    if (!('reply' in l)) {
      if (l.type === 'help') await assignLetter(...as(editor), receipt.id, { assigneeId: editor.userId });
      continue;
    }
    await acceptLetter(...as(editor), receipt.id, {});
    await draftReply(...as(editor), receipt.id, { reply: l.reply });
    await reviewReply(...as(chief), receipt.id, { decision: 'approve' });
    const sent = await sendReply(...as(editor), receipt.id);
    const proposal = await publicationProposal(ctx, editor, receipt.id);
    await publishLetter(...as(editor), receipt.id, { ...proposal, checked: '1', acceptFindings: '1' });
    if ('rating' in l) await rateLetter(ctx, sent, { rating: l.rating });
  }
}
