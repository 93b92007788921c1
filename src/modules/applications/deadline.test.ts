import { describe, expect, it } from 'vitest';
import { isAppError } from '../../core/errors';
import { buildCalendar, packagedCalendar } from '../calendar';
import {
  applicantCorrectionDeadline,
  computeDeadline,
  consultationReplyDeadline,
  type DeadlineInput,
  feePaymentDeadline,
  lapsedOutcome,
} from './deadline';

// Every expected date below was counted by hand on the State Council notices: 2024 国办发明电〔2023〕7号,
// 2025 国办发明电〔2024〕12号, 2026 国办发明电〔2025〕7号 (holidays off, 调休 weekend days on).
const due = (input: DeadlineInput) => computeDeadline(input, packagedCalendar).due;

describe('reply due date (条例 Art. 33: 20 working days from the day after receipt)', () => {
  it.each([
    // 2024
    ['2024-02-01', '2024-03-05', '春节 2/10–17 off; 2/4 and 2/18 (Sundays) on'],
    ['2024-04-01', '2024-04-29', '清明 4/4–6 off, 4/7 on; 4/28 (Sunday) on'],
    ['2024-04-26', '2024-05-27', '劳动节 5/1–5 off; 4/28 and 5/11 on'],
    ['2024-06-06', '2024-07-05', '端午 6/10 (Monday) off'],
    ['2024-09-12', '2024-10-16', '中秋 9/15–17 off, 9/14 on; 国庆 10/1–7 off, 9/29 and 10/12 on'],
    ['2024-09-27', '2024-10-30', 'the issue example'],
    // 2025
    ['2025-01-20', '2025-02-21', '春节 1/28–2/4 off; 1/26 (Sunday) and 2/8 (Saturday) on'],
    ['2025-04-02', '2025-04-30', '清明 4/4–6 off; 4/27 (Sunday) on'],
    ['2025-05-29', '2025-06-27', '端午 5/31–6/2 off'],
    ['2025-09-26', '2025-10-30', '国庆、中秋 10/1–8 off; 9/28 and 10/11 on'],
    // 2026
    ['2025-12-30', '2026-01-28', '元旦 1/1–3 off; 1/4 (Sunday) on'],
    ['2026-02-09', '2026-03-13', '春节 2/15–23 off; 2/14 and 2/28 (Saturdays) on'],
    ['2026-04-30', '2026-06-01', '劳动节 5/1–5 off; 5/9 (Saturday) on'],
    ['2026-06-17', '2026-07-16', '端午 6/19–21 off'],
    ['2026-09-18', '2026-10-22', '中秋 9/25–27 off; 国庆 10/1–7 off; 9/20 and 10/10 on'],
  ])('received %s → due %s (%s)', (receivedOn, expected) => {
    expect(due({ receivedOn })).toBe(expected);
  });

  it('explains the issue example step by step in plain Chinese', () => {
    const result = computeDeadline({ receivedOn: '2024-09-27' }, packagedCalendar);
    expect(result.explanation).toBe(
      '2024-09-27 收到；自次日起算20个工作日；9月29日调休上班，计入；10月1日至7日国庆节假期，不计；' +
        '10月12日调休上班，计入；第20个工作日为2024-10-30',
    );
    expect(result.steps[0]).toBe('2024-09-27 收到');
    expect(result.steps.at(-1)).toBe('第20个工作日为2024-10-30');
  });

  it('groups a holiday spanning two months and names merged festivals together', () => {
    expect(computeDeadline({ receivedOn: '2025-01-20' }, packagedCalendar).steps).toContain(
      '1月28日至2月4日春节假期，不计',
    );
    expect(computeDeadline({ receivedOn: '2025-09-26' }, packagedCalendar).steps).toEqual([
      '2025-09-26 收到',
      '自次日起算20个工作日',
      '9月28日调休上班，计入',
      '10月1日至8日国庆节、中秋节假期，不计',
      '10月11日调休上班，计入',
      '第20个工作日为2025-10-30',
    ]);
    expect(computeDeadline({ receivedOn: '2026-02-09' }, packagedCalendar).explanation).toContain(
      '2月14日调休上班，计入；2月15日至23日春节假期，不计；2月28日调休上班，计入',
    );
  });

  it('writes the year when the count runs into the next one', () => {
    expect(computeDeadline({ receivedOn: '2025-12-30' }, packagedCalendar).steps).toContain(
      '2026年1月1日至3日元旦假期，不计',
    );
  });
});

describe('correction (补正, 条例 Art. 30)', () => {
  it('gives the last day for the one correction notice: the 7th working day after receipt', () => {
    expect(computeDeadline({ receivedOn: '2024-09-27' }, packagedCalendar).correctionRequestLatest).toBe(
      '2024-10-12', // 9/29, 9/30, 10/8–11, 10/12 (Saturday, 调休)
    );
    expect(computeDeadline({ receivedOn: '2025-01-24' }, packagedCalendar).correctionRequestLatest).toBe(
      '2025-02-10', // 1/26, 1/27, 2/5–7, 2/8 (Saturday, 调休), 2/10
    );
  });

  it('restarts the 20 working days from the day the corrected application is received', () => {
    const result = computeDeadline(
      { receivedOn: '2024-09-27', correctionRequestedOn: '2024-10-08', correctionReceivedOn: '2024-10-15' },
      packagedCalendar,
    );
    expect(result.due).toBe('2024-11-12');
    expect(result.steps).toContain('2024-10-15 收到补正后的申请，答复期限自该日重新计算');
    expect(result.steps.join('')).not.toContain('国庆节假期');
  });

  it('has no due date while the applicant has not corrected, and says until when they may', () => {
    const result = computeDeadline(
      { receivedOn: '2024-09-27', correctionRequestedOn: '2024-10-08', correctionDeadline: '2024-10-22' },
      packagedCalendar,
    );
    expect(result.due).toBeNull();
    expect(result.explanation).toContain('补正期限至 2024-10-22，无正当理由逾期不补正的，视为放弃申请');
  });

  it('flags a correction notice sent after the 7th working day', () => {
    const result = computeDeadline(
      { receivedOn: '2024-09-27', correctionRequestedOn: '2024-10-14', correctionReceivedOn: '2024-10-15' },
      packagedCalendar,
    );
    expect(result.steps[1]).toContain('已超过法定期限');
  });

  it('counts the applicant’s correction deadline in working days from the notice', () => {
    expect(applicantCorrectionDeadline('2026-02-09', 10, packagedCalendar.isWorkday)).toBe('2026-02-28');
  });

  it('closes a case as 其他处理 1 or 2 only after the stated deadline has passed', () => {
    expect(lapsedOutcome({ correctionDeadline: '2024-10-22' }, '2024-10-22')).toBeNull();
    expect(lapsedOutcome({ correctionDeadline: '2024-10-22' }, '2024-10-23')).toBe('other.noCorrection');
    expect(
      lapsedOutcome({ correctionDeadline: '2024-10-22', correctionReceivedOn: '2024-10-20' }, '2024-10-23'),
    ).toBeNull();
    expect(lapsedOutcome({ feePaymentDeadline: '2025-10-30' }, '2025-10-31')).toBe('other.feeUnpaid');
    expect(
      lapsedOutcome({ feePaymentDeadline: '2025-10-30', feePaidOn: '2025-10-29' }, '2025-11-01'),
    ).toBeNull();
  });
});

describe('pauses (条例 Art. 32–34, 109号): the working days they take are not counted', () => {
  it('a third-party consultation over the National Day holiday adds only its working days', () => {
    const result = computeDeadline(
      { receivedOn: '2024-09-27', pauses: [{ from: '2024-09-30', to: '2024-10-09', reason: 'thirdParty' }] },
      packagedCalendar,
    );
    expect(result.due).toBe('2024-11-04'); // 9/30, 10/8, 10/9 not counted
    expect(result.steps).toContain('9月30日至10月9日征求第三方意见（条例第三十二条），其间3个工作日不计');
    expect(result.explanation).not.toContain('国庆节假期');
  });

  it('an agency consultation and a fee notice add up; a holiday after them is still skipped', () => {
    const result = computeDeadline(
      {
        receivedOn: '2026-03-02',
        pauses: [
          { from: '2026-03-10', to: '2026-03-16', reason: 'agency' },
          { from: '2026-03-20', to: '2026-03-20', reason: 'fee' },
        ],
      },
      packagedCalendar,
    );
    expect(result.due).toBe('2026-04-08'); // 3/30 without pauses; 6 working days later over 清明 4/4–6
    expect(result.steps).toContain('3月10日至16日征求其他行政机关意见（条例第三十四条），其间5个工作日不计');
    expect(result.steps).toContain('4月4日至6日清明节假期，不计');
  });

  it('has no due date while a pause is open, and says how many days remain', () => {
    const result = computeDeadline(
      { receivedOn: '2024-09-27', pauses: [{ from: '2024-10-09', reason: 'fee' }] },
      packagedCalendar,
    );
    expect(result.due).toBeNull();
    expect(result.countedDays).toBe(3); // 9/29, 9/30, 10/8
    expect(result.steps.at(-1)).toContain('此前已计3个工作日，恢复后还需计17个工作日');
  });

  it('gives the fee payment and consultation answer deadlines in working days', () => {
    expect(feePaymentDeadline('2025-09-26', packagedCalendar.isWorkday)).toBe('2025-10-30');
    expect(consultationReplyDeadline('2026-09-18', packagedCalendar.isWorkday)).toBe('2026-10-15');
  });
});

describe('extension (条例 Art. 33 ¶2: once, at most 20 working days)', () => {
  it('adds the approved working days after the statutory due date and explains both', () => {
    const result = computeDeadline({ receivedOn: '2024-09-27', extensionDays: 20 }, packagedCalendar);
    expect(result.statutoryDue).toBe('2024-10-30');
    expect(result.due).toBe('2024-11-27');
    expect(result.steps.slice(-3)).toEqual([
      '第20个工作日为2024-10-30',
      '经政府信息公开工作机构负责人同意延长20个工作日，并告知申请人（条例第三十三条）',
      '第40个工作日为2024-11-27',
    ]);
  });

  it('combines with a pause and the Spring Festival', () => {
    const result = computeDeadline(
      {
        receivedOn: '2025-01-20',
        extensionDays: 5,
        pauses: [{ from: '2025-02-05', to: '2025-02-07', reason: 'thirdParty' }],
      },
      packagedCalendar,
    );
    expect([result.statutoryDue, result.due]).toEqual(['2025-02-26', '2025-03-05']);
  });
});

describe('the calendar overrides apply', () => {
  it('an extra regional rest day moves the due date and is named', () => {
    const calendar = buildCalendar([{ day: '2024-10-08', isWorkday: false, note: '地方节假日' }]);
    const result = computeDeadline({ receivedOn: '2024-09-27' }, calendar);
    expect(result.due).toBe('2024-10-31');
    expect(result.steps).toContain('10月1日至8日国庆节假期、地方节假日，不计');
  });

  it('an entered make-up Saturday counts', () => {
    const calendar = buildCalendar([{ day: '2024-10-19', isWorkday: true, note: '' }]);
    const result = computeDeadline({ receivedOn: '2024-09-27' }, calendar);
    expect(result.due).toBe('2024-10-29');
    expect(result.steps).toContain('10月19日调休上班，计入');
  });
});

describe('bad input gets a clear Chinese message naming the field', () => {
  it.each<[string, DeadlineInput, string, string]>([
    ['extension over 20', { receivedOn: '2024-09-27', extensionDays: 21 }, 'extensionDays', '1 至 20'],
    ['negative extension', { receivedOn: '2024-09-27', extensionDays: -1 }, 'extensionDays', '1 至 20'],
    [
      'pause ending before it starts',
      { receivedOn: '2024-09-27', pauses: [{ from: '2024-10-09', to: '2024-10-08', reason: 'agency' }] },
      'pauses.0',
      '晚于结束日期',
    ],
    [
      'pause before receipt',
      { receivedOn: '2024-09-27', pauses: [{ from: '2024-09-20', to: '2024-09-30', reason: 'agency' }] },
      'pauses.0',
      '早于收到申请之日',
    ],
    [
      'correction received before the application',
      { receivedOn: '2024-09-27', correctionReceivedOn: '2024-09-26' },
      'correctionReceivedOn',
      '不得早于收到申请之日',
    ],
    ['impossible date', { receivedOn: '2024-02-30' }, 'receivedOn', 'YYYY-MM-DD'],
  ])('%s', (_label, input, field, message) => {
    let caught: unknown;
    try {
      computeDeadline(input, packagedCalendar);
    } catch (error) {
      caught = error;
    }
    expect(isAppError(caught)).toBe(true);
    if (!isAppError(caught)) return;
    expect(caught.code).toBe('validation');
    expect(caught.fields?.[field]).toContain(message);
  });

  it('treats an extension of 0 as none', () => {
    expect(due({ receivedOn: '2024-09-27', extensionDays: 0 })).toBe('2024-10-30');
  });
});

describe('a correction answered on the day the application arrived', () => {
  it('restarts from that same day (20 working days from 2024-09-27: 2024-10-30)', () => {
    const result = computeDeadline(
      { receivedOn: '2024-09-27', correctionRequestedOn: '2024-09-27', correctionReceivedOn: '2024-09-27' },
      packagedCalendar,
    );
    expect(result.due).toBe('2024-10-30');
  });
});
