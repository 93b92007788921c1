import { describe, expect, it } from 'vitest';
import type { BusinessRole } from '../accounts';
import { defaultReviewChain } from './review-chain';
import { decideReview, type ItemStatus, type ReviewAction, type ReviewSubject } from './review-machine';

const statuses: ItemStatus[] = ['draft', 'in_review', 'approved', 'published', 'withdrawn'];
const actions: ReviewAction[] = ['edit', 'submit', 'approve', 'return', 'withdraw'];
const roles: BusinessRole[] = ['editor', 'reviewer1', 'reviewer2', 'reviewer3', 'supervisor'];

function subject(status: ItemStatus, step: number | null = status === 'in_review' ? 0 : null): ReviewSubject {
  return { status, step, chain: defaultReviewChain, createdBy: 'author', actedThisRound: [] };
}

// The expected outcome of every role × state × action at step 0 (初审) for in_review items.
function expected(role: BusinessRole, status: ItemStatus, action: ReviewAction): string {
  if (action === 'edit' || action === 'submit') {
    if (role !== 'editor') return 'forbidden';
    if (status !== 'draft') return 'conflict';
    return action === 'edit' ? 'draft' : 'in_review:0';
  }
  if (action === 'withdraw') {
    if (role !== 'reviewer2' && role !== 'reviewer3') return 'forbidden';
    return status === 'published' ? 'withdrawn' : 'conflict';
  }
  if (!['reviewer1', 'reviewer2', 'reviewer3'].includes(role)) return 'forbidden';
  if (status !== 'in_review') return 'conflict';
  if (role !== 'reviewer1') return 'conflict'; // a later level cannot act before its turn
  return action === 'approve' ? 'in_review:1' : 'draft';
}

function outcome(role: BusinessRole, status: ItemStatus, action: ReviewAction): string {
  const d = decideReview(subject(status), { userId: 'someone', roles: [role] }, action);
  if (!d.ok) return d.code;
  return d.step === null ? d.status : `${d.status}:${d.step}`;
}

describe('the review state machine: every role × state × action', () => {
  const cases = roles.flatMap((role) =>
    statuses.flatMap((status) => actions.map((action) => [role, status, action] as const)),
  );
  it.each(cases)('%s / %s / %s', (role, status, action) => {
    expect(outcome(role, status, action)).toBe(expected(role, status, action));
  });
});

describe('the review rules that are not about roles', () => {
  it('walks 初审 → 复审 → 终审 → approved', () => {
    let s = subject('in_review', 0);
    for (const [i, role] of (['reviewer1', 'reviewer2', 'reviewer3'] as const).entries()) {
      const d = decideReview(s, { userId: `r${i}`, roles: [role] }, 'approve');
      expect(d.ok).toBe(true);
      if (!d.ok) return;
      s = {
        ...s,
        status: d.status,
        step: d.step,
        actedThisRound: [...s.actedThisRound, { actorId: `r${i}`, step: i }],
      };
    }
    expect([s.status, s.step]).toEqual(['approved', null]);
  });

  it('refuses the author reviewing their own draft, even holding the role', () => {
    const d = decideReview(
      subject('in_review', 0),
      { userId: 'author', roles: ['reviewer1', 'editor'] },
      'approve',
    );
    expect(d).toMatchObject({ ok: false, code: 'forbidden', reason: expect.stringContaining('自己起草') });
  });

  it('refuses one person acting at two levels of one item', () => {
    const s = { ...subject('in_review', 1), actedThisRound: [{ actorId: 'both', step: 0 }] };
    const d = decideReview(s, { userId: 'both', roles: ['reviewer1', 'reviewer2'] }, 'approve');
    expect(d).toMatchObject({
      ok: false,
      code: 'forbidden',
      reason: expect.stringContaining('两个审核环节'),
    });
  });

  it('lets the disclosure office check a withheld policy and then do its 复审', () => {
    const chain = [{ role: 'reviewer2' as const, label: '公开属性审查' }, ...defaultReviewChain];
    const s = {
      ...subject('in_review', 2),
      chain,
      actedThisRound: [
        { actorId: 'office', step: 0 },
        { actorId: 'chief', step: 1 },
      ],
    };
    expect(decideReview(s, { userId: 'office', roles: ['reviewer2'] }, 'approve')).toEqual({
      ok: true,
      status: 'in_review',
      step: 3,
    });
  });

  it('refuses 终审 on an item still at 初审 as a conflict (no skipping levels)', () => {
    const d = decideReview(subject('in_review', 0), { userId: 'leader', roles: ['reviewer3'] }, 'approve');
    expect(d).toMatchObject({ ok: false, code: 'conflict', reason: expect.stringContaining('不能越级') });
  });

  it('lets a reviewer return the item to draft from their step', () => {
    const d = decideReview(subject('in_review', 2), { userId: 'leader', roles: ['reviewer3'] }, 'return');
    expect(d).toEqual({ ok: true, status: 'draft', step: null });
  });
});
