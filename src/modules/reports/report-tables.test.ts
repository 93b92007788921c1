import { describe, expect, it } from 'vitest';
import { type AppealFacts, type CaseFacts, tallyAppeals, tallyApplications } from './report-tables';

// The year's boundaries of table 3 and table 4, case by case.

const c = (
  applicantType: CaseFacts['applicantType'],
  receivedOn: string,
  decidedOn: string | null,
  outcome: string | null = decidedOn ? 'disclosed' : null,
): CaseFacts => ({ applicantType, receivedOn, decidedOn, outcome });

describe('table 3 by receipt and decision dates', () => {
  it.each([
    [
      'received and decided in the year',
      c('natural', '2023-03-01', '2023-03-20'),
      ['newReceived', 'disclosed', 'total'],
    ],
    [
      'received last year, decided this year',
      c('natural', '2022-12-20', '2023-01-10'),
      ['carriedOver', 'disclosed', 'total'],
    ],
    [
      'received last year, decided on 1 January',
      c('natural', '2022-12-20', '2023-01-01'),
      ['carriedOver', 'disclosed', 'total'],
    ],
    ['received last year, decided on 31 December last year', c('natural', '2022-12-01', '2022-12-31'), []],
    [
      'received in December, decided next year',
      c('natural', '2023-12-20', '2024-01-08'),
      ['newReceived', 'carriedForward'],
    ],
    [
      'received on 31 December, still open',
      c('natural', '2023-12-31', null),
      ['newReceived', 'carriedForward'],
    ],
    ['received last year, still open', c('natural', '2022-11-01', null), ['carriedOver', 'carriedForward']],
    ['received next year', c('natural', '2024-01-02', null), []],
  ])('%s', (_, theCase, rows) => {
    const table = tallyApplications([theCase], 2023);
    const counted = Object.entries(table)
      .filter(([, cells]) => cells[0] === 1 && cells[6] === 1)
      .map(([row]) => row);
    expect(counted.sort()).toEqual([...rows].sort());
  });

  it('counts each applicant type in its column and the total', () => {
    const table = tallyApplications(
      [
        c('commercial', '2023-02-01', '2023-02-10', 'unable.notHeld'),
        c('legalService', '2023-02-01', '2023-02-11', 'unable.notHeld'),
        c('other', '2023-02-01', '2023-02-12', 'other.other'),
      ],
      2023,
    );
    expect(table['unable.notHeld']).toEqual([0, 1, 0, 0, 1, 0, 2]);
    expect(table['other.other']).toEqual([0, 0, 0, 0, 0, 1, 1]);
    expect(table.newReceived).toEqual([0, 1, 0, 0, 1, 1, 3]);
  });

  it('refuses a decided case without one of the 21 outcomes', () => {
    expect(() => tallyApplications([c('natural', '2023-01-05', '2023-01-06', 'approved')], 2023)).toThrow(
      /without a table 3 outcome/,
    );
  });
});

describe('table 4 by filing date and the result on 31 December', () => {
  const a = (
    kind: AppealFacts['kind'],
    filedOn: string,
    result: AppealFacts['result'],
    concludedOn: string | null,
  ) => ({
    kind,
    filedOn,
    result,
    concludedOn,
  });

  it('counts appeals filed in the year with their year-end result', () => {
    const t = tallyAppeals(
      [
        a('reconsideration', '2023-02-01', 'upheld', '2023-04-01'),
        a('reconsideration', '2023-11-01', 'corrected', '2024-01-15'), // concluded next year: pending then
        a('reconsideration', '2022-11-01', 'upheld', '2023-01-15'), // filed last year: last year's report
        a('litigationDirect', '2023-05-01', 'pending', null),
        a('litigationAfterReconsideration', '2023-06-01', 'other', '2023-09-01'),
      ],
      2023,
    );
    expect(t).toEqual({
      reconsideration: { upheld: 1, corrected: 0, other: 0, pending: 1, total: 2 },
      litigationDirect: { upheld: 0, corrected: 0, other: 0, pending: 1, total: 1 },
      litigationAfterReconsideration: { upheld: 0, corrected: 0, other: 1, pending: 0, total: 1 },
    });
  });
});
