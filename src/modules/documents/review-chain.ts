import type { BusinessRole } from '../accounts';

// 三审 (law-and-formats.md §5.3; 条例 Art. 17 "先审查、后公开"): 初审 by the producing unit's head, 复审 by
// the disclosure and secrecy office (the 保密审查 happens here), 终审 by the signing leader. An agency may
// add steps; a chain for items going public never has fewer than these three, in this order.

export interface ReviewStep {
  role: BusinessRole;
  label: string;
  secrecyReview?: boolean;
}

export const defaultReviewChain: ReviewStep[] = [
  { role: 'reviewer1', label: '初审' },
  { role: 'reviewer2', label: '复审（保密审查）', secrecyReview: true },
  { role: 'reviewer3', label: '终审（签发）' },
];

// 80号: a policy document proposed for non-disclosure goes to the disclosure office before approval.
const disclosureOfficeFirst: ReviewStep = { role: 'reviewer2', label: '公开属性审查（拟不公开）' };

/** The Chinese message naming what is wrong with a configured chain, or null. */
export function checkReviewChain(steps: ReviewStep[]): string | null {
  if (steps.length > 8) return '审核环节不超过 8 个';
  const core = steps
    .map((s) => s.role)
    .filter((r) => r === 'reviewer1' || r === 'reviewer2' || r === 'reviewer3');
  const order = core.filter((r, i) => core.indexOf(r) === i);
  if (order.join() !== 'reviewer1,reviewer2,reviewer3')
    return '审核链须依次包含初审、复审、终审三级，不得少于三级';
  if (steps[steps.length - 1]?.role !== 'reviewer3') return '终审（签发）须为最后一个环节';
  if (steps.some((s) => s.role === 'editor' || s.role === 'supervisor'))
    return '信息员和区政府办监管不能作为审核环节';
  if (steps.some((s) => !s.label.trim() || s.label.length > 20)) return '每个环节须有 1–20 字的名称';
  return null;
}

/** The steps one item goes through: the agency's chain, preceded by the office's status check when required. */
export function chainForItem(
  agencyChain: ReviewStep[],
  item: { disclosure: string | null; is_policy: number },
): ReviewStep[] {
  if (item.disclosure === 'withheld' && item.is_policy === 1) return [disclosureOfficeFirst, ...agencyChain];
  return agencyChain;
}
