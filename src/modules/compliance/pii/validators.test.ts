import { describe, expect, it } from 'vitest';
import {
  idCheckCharacter,
  isIndividualBusinessCode,
  isLandlineNumber,
  isMobileNumber,
  isOldResidentIdNumber,
  isPhoneNumber,
  isResidentIdNumber,
  isUnifiedSocialCreditCode,
  isVehiclePlate,
  passesLuhn,
} from './validators';

const NOW = new Date('2025-06-01T00:00:00Z');

describe('validators (compliance.md §2)', () => {
  it.each([
    ['11010519491231002X', true, 'GB 11643 example'],
    ['330106198503120415', true, 'valid'],
    ['330106198503120416', false, 'checksum broken'],
    ['330106198502300415', false, '30 February'],
    ['990106198503120415', false, 'no such province'],
    ['330106203001010011', false, 'born in the future'],
    ['11010519491231002x', false, 'lower-case x is normalised by the caller'],
    ['1101051949123100', false, 'too short'],
  ])('isResidentIdNumber(%s) = %s (%s)', (value, expected) => {
    expect(isResidentIdNumber(value, NOW)).toBe(expected);
  });

  it('computes the MOD 11-2 check character, 10 written X', () => {
    expect(idCheckCharacter('11010519491231002')).toBe('X');
    expect(idCheckCharacter('33010619850312041')).toBe('5');
  });

  it.each([
    ['330106580101223', true],
    ['330106581301223', false], // month 13
    ['990106580101223', false], // province
  ])('isOldResidentIdNumber(%s) = %s', (value, expected) => {
    expect(isOldResidentIdNumber(value)).toBe(expected);
  });

  it.each([
    ['91330100MA27XK5H2Q', true, false],
    ['92330106MA2H3K4L5K', true, true],
    ['92330106MA2H3K4L5J', false, false],
    ['91330100MA27XK5H2I', false, false], // I is not in the alphabet
  ])('USCC %s valid=%s individual=%s', (value, valid, individual) => {
    expect(isUnifiedSocialCreditCode(value)).toBe(valid);
    expect(isIndividualBusinessCode(value)).toBe(individual);
  });

  it.each([
    ['6222021202001234567', true],
    ['6222021202001234568', false],
    ['4367420012345678904', true],
  ])('passesLuhn(%s) = %s', (value, expected) => {
    expect(passesLuhn(value)).toBe(expected);
  });

  it.each([
    ['13812345678', true],
    ['19212345678', true],
    ['16012345678', false], // 160 unallocated
    ['14012345678', false], // 140 is IoT (13 digits)
    ['19412345678', false],
    ['16191234567', true], // satellite
    ['16181234567', false],
  ])('isMobileNumber(%s) = %s', (value, expected) => {
    expect(isMobileNumber(value)).toBe(expected);
  });

  it.each([
    ['010-62345678', true],
    ['0571-87012345', true],
    ['057187012345', true],
    ['0571-17012345', false], // local numbers start with 2–9
    ['400-123-4567', false],
  ])('isLandlineNumber(%s) = %s', (value, expected) => {
    expect(isLandlineNumber(value)).toBe(expected);
  });

  it('accepts either kind of phone for the application form', () => {
    expect(isPhoneNumber('13812345678')).toBe(true);
    expect(isPhoneNumber('0571-87012345')).toBe(true);
    expect(isPhoneNumber('12345')).toBe(false);
  });

  it.each([
    ['浙A12345', true],
    ['浙A·3B5C7', true],
    ['浙AD12345', true], // new-energy, small
    ['浙A12345D', true], // new-energy, large
    ['浙A1234学', true],
    ['浙AI2345', false], // no I
    ['浙ABCDEF', false], // fewer than two digits
  ])('isVehiclePlate(%s) = %s', (value, expected) => {
    expect(isVehiclePlate(value)).toBe(expected);
  });
});
