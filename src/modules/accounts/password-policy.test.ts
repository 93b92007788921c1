import { describe, expect, it } from 'vitest';
import { checkPasswordPolicy } from './password-policy';

describe('checkPasswordPolicy (等保 8.1.4.1 a, ASVS 6.2)', () => {
  it.each([
    ['Ab1!', '至少 8 位'],
    ['abcdefgh', '至少三类'],
    ['abcdefg1', '至少三类'],
    ['Wang.li2026x', '用户名'],
    ['Password1!', '常见'],
    ['Admin#2026xyz', '常见词'],
    ['x'.repeat(1025), '1024 字节'],
  ])('refuses %j with a message naming the rule', (password, fragment) => {
    expect(checkPasswordPolicy(password, 'wang.li')).toContain(fragment);
  });

  it.each([['Tq7#mVb2'], ['correct Horse battery 9'], [`Aa1-${'长密码'.repeat(20)}`]])(
    'accepts %j',
    (password) => {
      expect(checkPasswordPolicy(password, 'wang.li')).toBeNull();
    },
  );

  it('accepts passphrases of 64 characters and more', () => {
    expect(checkPasswordPolicy(`Zz9-${'q'.repeat(60)}`, 'someone')).toBeNull();
  });
});
