import { describe, expect, it } from 'vitest';
import { isAppError } from '../../core/errors';
import { feeByApplications, feeByPages, perApplicationRate } from './fees';

describe('按件计收 (国办函〔2020〕109号): per applicant per calendar month', () => {
  it.each([
    [1, 0],
    [10, 0],
    [11, 100],
    [30, 100],
    [31, 200],
    [40, 200],
    [41, 300],
    [50, 300],
    [51, 400],
    [61, 500],
  ])('the application no. %i of the month costs %i 元', (nth, yuan) => {
    expect(perApplicationRate(nth)).toBe(yuan);
    expect(feeByApplications(nth).yuan).toBe(yuan);
  });

  it('explains the band', () => {
    expect(feeByApplications(12).explanation).toBe(
      '按件计收：本申请为申请人本自然月第12件，第11至30件每件100元，本件收费100元（国办函〔2020〕109号）',
    );
    expect(feeByApplications(35).explanation).toContain('第31至40件每件200元');
    expect(feeByApplications(3).explanation).toContain('第1至10件不收费，本件收费0元');
    expect(feeByApplications(3).basis).toBe('perApplication');
  });
});

describe('按量计收 (109号): by pages, progressive', () => {
  it.each([
    [1, 0],
    [30, 0],
    [31, 10],
    [100, 700], // 70 × 10
    [101, 720], // 700 + 1 × 20
    [200, 2700], // 700 + 100 × 20
    [201, 2740], // 2700 + 1 × 40
    [250, 4700], // 2700 + 50 × 40
  ])('%i pages cost %i 元', (pages, yuan) => {
    expect(feeByPages(pages).yuan).toBe(yuan);
  });

  it('shows the arithmetic of each tier', () => {
    expect(feeByPages(250).explanation).toBe(
      '按量计收：共250页，第1至30页不收费，第31至100页70页×10元=700元，第101至200页100页×20元=2000元，' +
        '第201页起50页×40元=2000元，合计4700元（国办函〔2020〕109号，超额累进）',
    );
    expect(feeByPages(20).explanation).toBe(
      '按量计收：共20页，第1至30页不收费，合计0元（国办函〔2020〕109号，超额累进）',
    );
  });
});

describe('bad counts', () => {
  it.each([0, -3, 1.5, Number.NaN])('rejects %s', (n) => {
    for (const f of [() => feeByPages(n), () => feeByApplications(n)]) {
      let caught: unknown;
      try {
        f();
      } catch (error) {
        caught = error;
      }
      expect(isAppError(caught) && caught.code === 'validation').toBe(true);
    }
  });
});
