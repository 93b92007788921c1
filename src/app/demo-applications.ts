import { chinaDay } from '../core/clock';
import type { Context } from '../core/context';
import { registerApplication, submitApplication } from '../modules/applications';
import { systemActor } from '../modules/audit';

// Demo 依申请公开 cases so the queue, the due-date warnings and the applicant's tracking page have
// something to show. The people are invented; the identity numbers are made-up values that only pass the
// check-digit rule.

const base = {
  idType: '居民身份证',
  deliveryForm: 'electronic',
  deliveryChannel: 'online',
  email: '',
  address: '',
};

/** Files three applications with the economy bureau: two online today, one received by post earlier. */
export async function addDemoApplications(ctx: Context, agencyIds: Map<string, string>): Promise<void> {
  const jxj = agencyIds.get('jxj');
  if (!jxj) return;
  await submitApplication(
    ctx,
    jxj,
    {
      ...base,
      applicantType: 'natural',
      name: '李明',
      idNumber: '33010619850312001X',
      phone: '13900001111',
      description: '请提供2025年度区级工业和信息化专项资金的分配方案及拨付结果',
    },
    '192.0.2.10',
  );
  await submitApplication(
    ctx,
    jxj,
    {
      ...base,
      applicantType: 'commercial',
      name: '示范市星河科技有限公司',
      idNumber: '91350100M000100Y43',
      contactPerson: '王芳',
      phone: '0571-87651234',
      description: '请公开本公司申报2025年度“专精特新”中小企业认定的评审结果及评分标准',
    },
    '192.0.2.11',
  );
  const received = new Date(ctx.clock.now().getTime() - 16 * 86_400_000);
  await registerApplication(ctx, systemActor('demo-loader'), jxj, {
    ...base,
    applicantType: 'natural',
    name: '陈静',
    idNumber: '330102199211070048',
    phone: '13700002222',
    deliveryForm: 'paper',
    deliveryChannel: 'post',
    address: '示范市示范区文化路18号2单元301室',
    description: '申请公开示范区老旧工业厂房改造补助政策的申报条件和2025年度补助名单',
    channel: 'registered_post',
    receivedOn: chinaDay(received),
  });
}
