import { describe, expect, it } from 'vitest';
import { packagedCalendar } from '../calendar';
import { firstWorkingDayOf } from './first-workday';

describe('firstWorkingDayOf', () => {
  it.each([
    ['2026-03', '2026-03-02'], // 1 March 2026 is a Sunday
    ['2026-06', '2026-06-01'], // a Monday
    ['2026-10', '2026-10-08'], // 国庆: 1–7 October off (the packaged holiday data)
    ['2026-02', '2026-02-02'], // 1 February is a Sunday
  ])('%s → %s', (month, expected) => {
    expect(firstWorkingDayOf(month, packagedCalendar.isWorkday)).toBe(expected);
  });
});
