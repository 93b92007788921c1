import { describe, expect, it } from 'vitest';
import { maskIdNumber, maskPhone } from '../../../core/masking';
import { judgeMaskedId, judgeMaskedMobile } from './mask-policy';

describe('masked values against the house masks (compliance.md §2.11)', () => {
  it.each([
    ['3301**********0415', true, 'the house mask (first 4, last 4)'],
    ['33************415', true, '永安 (first 2, last 3) shows less'],
    ['******************', true, 'fully hidden'],
    ['33010619850312041*', false, 'one hidden: recoverable from the check character'],
    ['330106198503****15', false, 'birth date shown'],
    ['330106********0415', false, 'first 6 and last 4: more than the house mask, not recoverable'],
  ])('ID %s compliant=%s (%s)', (value, compliant) => {
    expect(judgeMaskedId(value).compliant).toBe(compliant);
  });

  it('scores a recoverable mask above and a merely generous one below the default threshold', () => {
    expect(judgeMaskedId('33010619850312041*')).toMatchObject({ score: 0.95 });
    expect(judgeMaskedId('330106********0415')).toMatchObject({ score: 0.4 });
  });

  it.each([
    ['138****1234', true],
    ['*******1234', true],
    ['1381234**78', false],
    ['13812*45678', false],
  ])('mobile %s compliant=%s', (value, compliant) => {
    expect(judgeMaskedMobile(value).compliant).toBe(compliant);
  });

  it('passes what core/masking.ts itself produces', () => {
    expect(judgeMaskedId(maskIdNumber('330106198503120415')).compliant).toBe(true);
    expect(judgeMaskedMobile(maskPhone('13812345678')).compliant).toBe(true);
  });
});
