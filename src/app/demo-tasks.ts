import { chinaDay } from '../core/clock';
import type { Context } from '../core/context';
import type { Principal } from '../modules/accounts';
import { systemActor } from '../modules/audit';
import {
  addMeeting,
  addStaff,
  addTraining,
  decomposeItem,
  getKeyTask,
  importKeyTaskList,
  linkEvidenceItem,
  listItems,
  reportProgress,
  submitTask,
} from '../modules/tasks';

// Demo 重点工作: this year's list imported as the district office would, a few tasks decomposed to the
// departments (one submitted for acceptance with evidence, one reported in progress), a roster with
// training, and an information officers' meeting. Invented wording and people.

const listCsv = (year: number) =>
  [
    `示范区${year}年政务公开重点工作清单,,,,`,
    '序号,重点工作,具体要求,责任单位,完成时限',
    '一、深化行政决策公开,,,,',
    `1,重大行政决策事项目录公开,年初编制并公开本级重大行政决策事项目录，决策作出后及时更新办理进展,区政府办、各部门,${year}年3月底前`,
    '2,决策草案公开征求意见,涉及群众切身利益的决策草案通过政府网站公开征求意见，期限一般不少于30日,各部门,持续推进',
    ',,意见采纳情况及理由在决策作出后一个月内集中公开,,',
    '二、加强政策解读与回应关切,,,,',
    '3,政策文件与解读同步发布,区级政策文件坚持三同步：解读材料与文件同步起草、同步审签、同步发布,各部门,持续推进',
    `4,图解、视频等多元化解读,每个部门全年至少推出2篇图解或视频解读，不得简单摘抄原文,各部门,${year}年11月底前`,
    '三、加强公开平台建设,,,,',
    '5,政府信息公开专栏规范化,按标准目录设置专栏，栏目无空白、无长期不更新,各部门,12月31日前',
    `6,年度报告编制发布,按国家统一格式编制并发布上一年度政府信息公开工作年度报告,各部门,${year}-01-31`,
  ].join('\n');

function demoSupervisor(userId: string, districtId: string): Principal {
  return {
    userId,
    username: 'zfb.supervisor',
    displayName: '周监管',
    adminRole: null,
    grants: [{ agencyId: districtId, role: 'supervisor' }],
    sessionId: 'demo',
    mfaPassed: true,
    passwordExpired: false,
  };
}

async function principalOf(ctx: Context, username: string): Promise<Principal> {
  const u = await ctx.db
    .selectFrom('users')
    .select(['id', 'display_name'])
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
  const grants = await ctx.db
    .selectFrom('user_roles')
    .select(['agency_id', 'role'])
    .where('user_id', '=', u.id)
    .execute();
  return {
    ...demoSupervisor(u.id, ''),
    username,
    displayName: u.display_name,
    grants: grants.map((g) => ({ agencyId: g.agency_id, role: g.role })),
  };
}

/** Imports the demo list and decomposes a few tasks; then a roster and a meeting. */
export async function addDemoTasks(ctx: Context, agencyIds: Map<string, string>): Promise<void> {
  const [district, jxj, czj, scjgj] = ['district', 'jxj', 'czj', 'scjgj'].map((c) => agencyIds.get(c) ?? '');
  if (!district || !jxj || !czj || !scjgj) return;
  const actor = systemActor('demo-loader');
  const supervisor = await principalOf(ctx, 'zfb.supervisor');
  const year = Number(chinaDay(ctx.clock.now()).slice(0, 4));
  const file = { name: `示范区${year}年政务公开重点工作清单.csv`, bytes: Buffer.from(listCsv(year)) };
  await importKeyTaskList(ctx, supervisor, actor, file, year);
  const items = await listItems(ctx.db, year);
  const itemId = (title: string) => items.find((i) => i.title === title)?.id ?? '';
  const editor = await principalOf(ctx, 'jxj.editor');
  const column = await decomposeItem(ctx, supervisor, actor, itemId('政府信息公开专栏规范化'), {
    agencyId: jxj,
    ownerUserId: editor.userId,
    evidenceRequired: '专栏页面链接和栏目调整说明',
  });
  await reportProgress(ctx, editor, actor, column, {
    progress: '80',
    note: '已对照标准目录调整专栏，空白栏目已补充内容',
  });
  const published = await ctx.db
    .selectFrom('items')
    .select('id')
    .where('agency_id', '=', jxj)
    .where('status', '=', 'published')
    .limit(1)
    .executeTakeFirst();
  if (published) {
    await linkEvidenceItem(ctx, editor, actor, await getKeyTask(ctx, editor, column.id), {
      itemId: published.id,
    });
    await submitTask(ctx, editor, actor, await getKeyTask(ctx, editor, column.id));
  }
  await decomposeItem(ctx, supervisor, actor, itemId('年度报告编制发布'), {
    agencyId: czj,
    ownerName: '孙信息',
    evidenceRequired: '年度报告发布链接',
  });
  await decomposeItem(ctx, supervisor, actor, itemId('图解、视频等多元化解读'), {
    agencyId: scjgj,
    ownerName: '吴信息',
    evidenceRequired: '图解或视频解读的发布链接',
  });
  await addRoster(ctx, editor, actor, jxj, year);
}

async function addRoster(
  ctx: Context,
  editor: Principal,
  actor: ReturnType<typeof systemActor>,
  jxj: string,
  year: number,
) {
  const person = await addStaff(ctx, editor, actor, {
    agencyId: jxj,
    name: '李信息',
    position: '办公室科员（政务公开专员）',
    phone: '0571-86000001',
    email: '',
    fullTime: '1',
    since: `${year - 2}-03-01`,
  });
  await addTraining(ctx, editor, actor, person.id, {
    heldOn: `${year}-04-18`,
    title: '全区政务公开业务培训',
    organizer: '区政府办',
    hours: '4',
  });
  await addMeeting(ctx, editor, actor, {
    agencyId: jxj,
    heldOn: `${year}-05-08`,
    attendees: '王科长、赵主任、李信息及各科室信息员',
    topics: '通报一季度网站检查情况；部署政策解读工作',
    decisions: '各科室5月底前报送解读计划；专栏空白栏目本月内补齐',
  });
}
