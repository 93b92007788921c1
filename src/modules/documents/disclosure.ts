import type { FieldErrors } from '../../core/errors';

// 公开属性源头认定 (国办发〔2016〕80号 §一(一); law-and-formats.md §5): every draft carries its disclosure
// status before it goes for review; anything but 主动公开 needs a legal basis from a fixed list and a reason.

export const disclosureStatuses = ['proactive', 'on_request', 'withheld'] as const;
export type DisclosureStatus = (typeof disclosureStatuses)[number];

export const disclosureLabels: Record<DisclosureStatus, string> = {
  proactive: '主动公开',
  on_request: '依申请公开',
  withheld: '不予公开',
};

// 条例 Art. 14 (three grounds), Art. 15, Art. 16 ¶1 and ¶2, and other law.
export const disclosureBases = {
  'art14-secret': '条例第十四条：国家秘密',
  'art14-law': '条例第十四条：法律、行政法规禁止公开',
  'art14-security': '条例第十四条：危及国家安全、公共安全、经济安全、社会稳定',
  'art15-third-party': '条例第十五条：商业秘密、个人隐私等第三方合法权益',
  'art16-internal': '条例第十六条第一款：内部事务信息（人事管理、后勤管理、内部工作流程）',
  'art16-process': '条例第十六条第二款：过程性信息（讨论记录、过程稿、磋商信函、请示报告）',
  'art16-enforcement': '条例第十六条第二款：行政执法案卷',
  'other-law': '其他法律、法规规定',
} as const;
export type DisclosureBasis = keyof typeof disclosureBases;

export interface DisclosureInput {
  disclosure: string | null | undefined;
  basis: string | null | undefined;
  reason: string | null | undefined;
}

/** Field errors that keep a draft from going to review; empty when its disclosure status is complete. */
export function checkDisclosure(input: DisclosureInput): FieldErrors {
  const errors: FieldErrors = {};
  if (!input.disclosure || !disclosureStatuses.includes(input.disclosure as DisclosureStatus)) {
    errors.disclosure = '请先认定公开属性（主动公开、依申请公开或不予公开）';
    return errors;
  }
  if (input.disclosure === 'proactive') return errors;
  if (!input.basis || !(input.basis in disclosureBases)) errors.disclosureBasis = '非主动公开须选择法律依据';
  if (!input.reason || input.reason.trim().length < 10)
    errors.disclosureReason = '非主动公开须写明理由（不少于 10 字）';
  return errors;
}
