import { describe, expect, it } from 'vitest';
import { maskAddress, maskEmail, maskIdNumber, maskPhone } from './masking';

describe('masks of personal data', () => {
  it.each([
    [maskIdNumber, '11010519491231002X', '1101**********002X'],
    [maskIdNumber, '110105491231002', '1101*******1002'],
    [maskPhone, '13812345678', '138****5678'],
    [maskPhone, '0571-87654321', '0571*****4321'],
    [maskEmail, 'zhangsan@example.com', 'z***@example.com'],
    [maskAddress, '示范市示范区人民路1号101室', '示范市示范区***'],
    [maskIdNumber, '', ''],
  ])('%o(%s) → %s', (mask, value, masked) => {
    expect(mask(value)).toBe(masked);
  });

  it('never leaves the birth date of an identity number visible', () => {
    expect(maskIdNumber('11010519491231002X')).not.toContain('19491231');
  });
});
