import { describe, expect, it } from 'vitest';
import {
  canChangeNormativeStatus,
  isTrialTitle,
  type NormativeStatus,
  normativeStatuses,
  reminderFrom,
  validUntil,
} from './normative-lifecycle';

describe('normative document lifecycle', () => {
  const expected: Record<NormativeStatus, NormativeStatus[]> = {
    in_force: ['expired', 'repealed', 'amended', 'partly_expired'],
    partly_expired: ['expired', 'repealed', 'amended'],
    expired: [],
    repealed: [],
    amended: [],
  };
  const pairs = normativeStatuses.flatMap((from) => normativeStatuses.map((to) => [from, to] as const));
  it.each(pairs)('%s → %s', (from, to) => {
    expect(canChangeNormativeStatus(from, to)).toBe(expected[from].includes(to));
  });

  it.each([
    ['2026-04-01', false, '2031-03-31'],
    ['2026-04-01', true, '2028-03-31'],
    ['2024-02-29', false, '2029-02-28'],
    ['2026-01-01', false, '2030-12-31'],
  ])('valid from %s (trial %s) until %s', (from, trial, until) => {
    expect(validUntil(from, trial)).toBe(until);
  });

  it('honours a configured validity', () => {
    expect(validUntil('2026-04-01', false, { years: 3, trialYears: 1 })).toBe('2029-03-31');
  });

  it('starts reminders six months before expiry', () => {
    expect(reminderFrom('2031-03-31')).toBe('2030-10-01');
    expect(reminderFrom('2030-12-31')).toBe('2030-07-01');
  });

  it.each([
    ['示范区企业技术中心认定管理办法（试行）', true],
    ['示范区数据资源管理暂行办法', true],
    ['示范区关于促进数字经济发展的若干政策', false],
    ['关于试行网格化管理的通知', false],
  ])('%s is trial: %s', (title, trial) => {
    expect(isTrialTitle(title)).toBe(trial);
  });
});
