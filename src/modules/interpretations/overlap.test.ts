import { describe, expect, it } from 'vitest';
import { COPY_WARNING_THRESHOLD, copiedShare } from './overlap';

const policy =
  '第一条 为加快数字经济发展，推动产业数字化转型，结合本区实际，制定本政策。第二条 对新认定的省级以上企业技术中心，给予一次性奖励50万元。第三条 本政策自2026年4月1日起施行，有效期3年。';

describe('copiedShare', () => {
  it('is high for an excerpt of the policy', () => {
    const excerpt =
      '政策要点：对新认定的省级以上企业技术中心，给予一次性奖励50万元。本政策自2026年4月1日起施行，有效期3年。';
    expect(copiedShare(excerpt, policy)).toBeGreaterThan(COPY_WARNING_THRESHOLD);
  });

  it('is low for a plain-language explanation', () => {
    const explained =
      '问：哪些企业能拿到奖励？答：如果您的企业今年被评上省级或者国家级企业技术中心，区里会一次性发给您五十万元。问：这个政策管多久？答：从明年四月开始算，三年内都有效。';
    expect(copiedShare(explained, policy)).toBeLessThan(0.2);
  });

  it('ignores punctuation and spacing tricks', () => {
    const spaced = policy.replace(/，/g, ' , ').replace(/。/g, '.\n');
    expect(copiedShare(spaced, policy)).toBe(1);
  });

  it('is zero for texts too short to judge', () => {
    expect(copiedShare('政策解读', policy)).toBe(0);
  });
});
