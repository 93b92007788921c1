import { describe, expect, it } from 'vitest';
import { packagedCalendar } from '../calendar';
import { reminderStage, reminderText, reportDeadline, reportYearOn } from './reminder-schedule';

const { isWorkday } = packagedCalendar;

describe('annual-report deadlines (条例 Art. 49)', () => {
  it('puts a department on 31 January and the district on 31 March of the following year', () => {
    expect(reportDeadline('department', 2023)).toBe('2024-01-31');
    expect(reportDeadline('district', 2023)).toBe('2024-03-31');
    expect(reportYearOn('2024-01-01')).toBe(2023);
    expect(reportYearOn('2024-12-31')).toBe(2023);
  });
});

describe('reminder stages on the real calendar', () => {
  it.each([
    // Departments, 2024: 1 January is a holiday; 31 January a Wednesday.
    ['2023-12-31', '2024-01-31', null],
    ['2024-01-01', '2024-01-31', 'open'],
    ['2024-01-16', '2024-01-31', 'open'], // 11 working days left
    ['2024-01-17', '2024-01-31', 'ten'], // 10 left
    ['2024-01-25', '2024-01-31', 'ten'], // 4 left
    ['2024-01-26', '2024-01-31', 'three'], // 3 left: 29, 30, 31
    ['2024-01-31', '2024-01-31', 'three'], // the deadline itself
    ['2024-02-01', '2024-01-31', 'overdue'],
    ['2024-02-29', '2024-01-31', 'overdue'], // the season closes at the end of February
    ['2024-03-01', '2024-01-31', null],
    ['2024-12-31', '2024-01-31', null],
    // 2025: the Spring Festival (28 Jan – 4 Feb) covers the deadline; Sunday 26 Jan is a make-up working day.
    ['2025-01-22', '2025-01-31', 'ten'], // 23, 24, 26, 27 left
    ['2025-01-23', '2025-01-31', 'three'], // 24, 26 (调休), 27
    // The district, 2024: 31 March is a Sunday; the last working day before it is Friday 29 March.
    ['2024-03-14', '2024-03-31', 'open'],
    ['2024-03-15', '2024-03-31', 'ten'],
    ['2024-03-25', '2024-03-31', 'ten'],
    ['2024-03-26', '2024-03-31', 'three'],
    ['2024-04-01', '2024-03-31', 'overdue'],
    ['2024-04-30', '2024-03-31', 'overdue'],
    ['2024-05-01', '2024-03-31', null],
  ])('on %s for %s: %s', (today, deadline, stage) => {
    expect(reminderStage(today, deadline, isWorkday)).toBe(stage);
  });
});

describe('reminder text', () => {
  const base = {
    agencyName: '示范区教育局',
    kind: 'department' as const,
    reportYear: 2023,
    deadline: '2024-01-31',
    stage: 'ten' as const,
    daysLeft: 10,
    missingDepartments: [],
  };

  it('names the year, the deadline, the days left and the rule', () => {
    const mail = reminderText(base, '李信息');
    expect(mail.subject).toBe(
      '【年度报告即将到期】示范区教育局2023年政府信息公开工作年度报告（1月31日前发布）',
    );
    expect(mail.text).toContain('发布期限：2024年1月31日（还剩 10 个工作日）');
    expect(mail.text).toContain('县级以上人民政府部门应当在每年1月31日前');
    expect(mail.text).not.toContain('尚未发布2023年度报告的部门');
  });

  it('tells the district which departments have not published', () => {
    const mail = reminderText(
      {
        ...base,
        agencyName: '示范区人民政府',
        kind: 'district',
        deadline: '2024-03-31',
        stage: 'overdue',
        missingDepartments: ['示范区财政局', '示范区教育局'],
      },
      '赵主任',
    );
    expect(mail.subject).toContain('【年度报告已逾期】');
    expect(mail.text).toContain('发布期限：2024年3月31日（已逾期，尚未发布）');
    expect(mail.text).toContain('尚未发布2023年度报告的部门（2 个）：\n  示范区财政局\n  示范区教育局');
    expect(mail.text).toContain('每年3月31日前向社会公布本级政府上一年度');
  });
});
