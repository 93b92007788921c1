import { describe, expect, it } from 'vitest';
import { chainForItem, checkReviewChain, defaultReviewChain, type ReviewStep } from './review-chain';

const step = (role: ReviewStep['role'], label: string = role): ReviewStep => ({ role, label });

describe('review chains', () => {
  it('accepts the default chain and one with an added legal review', () => {
    expect(checkReviewChain(defaultReviewChain)).toBeNull();
    expect(
      checkReviewChain([
        step('reviewer1', '初审'),
        step('reviewer1', '法制审核'),
        step('reviewer2', '复审'),
        step('reviewer3', '终审'),
      ]),
    ).toBeNull();
  });

  it.each([
    [[step('reviewer1'), step('reviewer3')], '不得少于三级'],
    [[step('reviewer2'), step('reviewer1'), step('reviewer3')], '不得少于三级'],
    [[step('reviewer1'), step('reviewer2'), step('reviewer3'), step('reviewer1')], '最后一个环节'],
    [[step('reviewer1'), step('editor'), step('reviewer2'), step('reviewer3')], '不能作为审核环节'],
  ])('refuses %j', (steps, fragment) => {
    expect(checkReviewChain(steps)).toContain(fragment);
  });

  it('sends a withheld policy document to the disclosure office first (80号 §一(一))', () => {
    expect(
      chainForItem(defaultReviewChain, { disclosure: 'withheld', is_policy: 1 }).map((s) => s.role),
    ).toEqual(['reviewer2', 'reviewer1', 'reviewer2', 'reviewer3']);
    expect(chainForItem(defaultReviewChain, { disclosure: 'withheld', is_policy: 0 })).toBe(
      defaultReviewChain,
    );
  });
});
