import type { BusinessRole } from '../accounts';
import type { ReviewStep } from './review-chain';

// The review workflow as a pure decision (security.md T11; 条例 Art. 17): who may do what to an item in
// which state. The service applies the decision with a conditional update, so two simultaneous
// approvals of one step produce exactly one transition.

export type ItemStatus = 'draft' | 'in_review' | 'approved' | 'published' | 'withdrawn';
export type ReviewAction = 'edit' | 'submit' | 'approve' | 'return' | 'withdraw';

export interface ReviewSubject {
  status: ItemStatus;
  step: number | null;
  chain: ReviewStep[];
  createdBy: string | null;
  /** Who has already acted, at which step, in the current round. */
  actedThisRound: { actorId: string; step: number }[];
}

export interface Reviewer {
  userId: string;
  /** The business roles the person holds in the item's agency. */
  roles: BusinessRole[];
}

export type Decision =
  | { ok: true; status: ItemStatus; step: number | null }
  | { ok: false; code: 'forbidden' | 'conflict'; reason: string };

const refuse = (code: 'forbidden' | 'conflict', reason: string): Decision => ({ ok: false, code, reason });

/** Decides one action; never throws. */
export function decideReview(subject: ReviewSubject, reviewer: Reviewer, action: ReviewAction): Decision {
  switch (action) {
    case 'edit':
    case 'submit':
      if (!reviewer.roles.includes('editor')) return refuse('forbidden', '只有本单位信息员可以编辑和报审');
      if (subject.status !== 'draft') return refuse('conflict', '只有草稿或退回的信息可以编辑和报审');
      return action === 'edit'
        ? { ok: true, status: 'draft', step: null }
        : { ok: true, status: 'in_review', step: 0 };
    case 'approve':
    case 'return':
      return decideStep(subject, reviewer, action);
    case 'withdraw':
      if (!reviewer.roles.some((r) => r === 'reviewer2' || r === 'reviewer3')) {
        return refuse('forbidden', '只有复审或终审人员可以撤下已发布的信息');
      }
      if (subject.status !== 'published') return refuse('conflict', '只有已发布的信息可以撤下');
      return { ok: true, status: 'withdrawn', step: null };
  }
}

function decideStep(subject: ReviewSubject, reviewer: Reviewer, action: 'approve' | 'return'): Decision {
  const chainRoles = subject.chain.map((s) => s.role);
  if (!reviewer.roles.some((r) => chainRoles.includes(r)))
    return refuse('forbidden', '您不在本单位的审核链中');
  if (subject.status !== 'in_review' || subject.step === null)
    return refuse('conflict', '该信息当前不在审核中');
  const current = subject.chain[subject.step];
  if (!current) return refuse('conflict', '审核环节已变化，请刷新');
  if (!reviewer.roles.includes(current.role))
    return refuse('conflict', `尚未到达您的审核环节（当前：${current.label}），不能越级审核`);
  if (subject.createdBy === reviewer.userId) return refuse('forbidden', '不能审核自己起草的信息');
  // Levels are roles: the disclosure office may check a withheld policy's status and then do its 复审,
  // but nobody signs at two different levels (初审 and 终审, say) of one item.
  const actedAtOtherLevel = subject.actedThisRound.some(
    (a) => a.actorId === reviewer.userId && subject.chain[a.step]?.role !== current.role,
  );
  if (actedAtOtherLevel) {
    return refuse('forbidden', '同一人不能在同一信息的两个审核环节签署意见');
  }
  if (action === 'return') return { ok: true, status: 'draft', step: null };
  const last = subject.step === subject.chain.length - 1;
  return last
    ? { ok: true, status: 'approved', step: null }
    : { ok: true, status: 'in_review', step: subject.step + 1 };
}
