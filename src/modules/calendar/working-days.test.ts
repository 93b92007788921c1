import { describe, expect, it } from 'vitest';
import { packagedCalendar } from './calendar';
import { addWorkingDays, workingDaysAfter } from './working-days';

const { isWorkday } = packagedCalendar;

describe('working days on the chinese-days calendar', () => {
  it('reproduces the statutory example: received 2024-09-27, due 2024-10-30 (调休 29 Sep counts, 国庆 does not)', () => {
    expect(addWorkingDays('2024-09-27', 20, isWorkday)).toBe('2024-10-30');
  });

  it.each([
    ['2026-03-02', 1, '2026-03-03'],
    ['2026-03-06', 1, '2026-03-09'], // Friday → Monday
    ['2026-03-02', 0, '2026-03-02'],
  ])('%s + %i working days = %s', (from, n, expected) => {
    expect(addWorkingDays(from, n, isWorkday)).toBe(expected);
  });

  it('counts working days after a date, up to and including another', () => {
    expect(workingDaysAfter('2024-09-27', '2024-10-30', isWorkday)).toBe(20);
    expect(workingDaysAfter('2024-09-27', '2024-10-08', isWorkday)).toBe(3); // 29 Sep, 30 Sep, 8 Oct
    expect(workingDaysAfter('2026-03-02', '2026-03-01', isWorkday)).toBe(0);
  });

  it('takes another calendar when given one (an override table in front of the data)', () => {
    const everyDay = () => true;
    expect(addWorkingDays('2024-09-27', 20, everyDay)).toBe('2024-10-17');
  });

  it('steps over month ends, a leap day and a year end one day at a time', () => {
    const weekdays = (day: string) => ![0, 6].includes(new Date(`${day}T00:00:00Z`).getUTCDay());
    expect(addWorkingDays('2024-02-27', 3, weekdays)).toBe('2024-03-01'); // 28, 29 Feb, 1 Mar
    expect(addWorkingDays('2025-12-30', 4, weekdays)).toBe('2026-01-05'); // 31, 1, 2, then Monday 5
    expect(workingDaysAfter('2023-02-27', '2023-03-01', weekdays)).toBe(2); // no 29 Feb in 2023
    const asked: string[] = [];
    workingDaysAfter('2024-12-30', '2025-01-02', (day) => asked.push(day) > 0);
    expect(asked).toEqual(['2024-12-31', '2025-01-01', '2025-01-02']);
  });
});
