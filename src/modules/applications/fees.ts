import { AppError } from '../../core/errors';

// 信息处理费 under 条例 Art. 42 and 《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）: charged only
// for clearly excessive volume or frequency, on ONE basis per application, always progressive (超额累进).
// Pure: counts in, yuan and a Chinese explanation out.

export type FeeBasis = 'perApplication' | 'perPage';

export interface FeeCharge {
  basis: FeeBasis;
  yuan: number;
  explanation: string;
}

const FREE_APPLICATIONS_PER_MONTH = 10; // 109号 按件计收: 10 a calendar month free
const FIRST_PAID_BAND_END = 30; // the 11th to the 30th: 100 元 each
const BAND_SIZE = 10; // from the 31st: +100 元 per further band of 10
const BAND_STEP_YUAN = 100;

function positiveInteger(field: string, value: number, label: string): void {
  if (!Number.isInteger(value) || value < 1) {
    const message = `${label}须为正整数`;
    throw new AppError('validation', message, { fields: { [field]: message } });
  }
}

/** 109号 按件计收: the rate of an applicant's n-th application in one calendar month. */
export function perApplicationRate(nth: number): number {
  positiveInteger('nth', nth, '本月申请件次');
  if (nth <= FREE_APPLICATIONS_PER_MONTH) return 0;
  if (nth <= FIRST_PAID_BAND_END) return BAND_STEP_YUAN;
  return BAND_STEP_YUAN * (1 + Math.ceil((nth - FIRST_PAID_BAND_END) / BAND_SIZE));
}

function bandOf(nth: number): string {
  if (nth <= FREE_APPLICATIONS_PER_MONTH) return `第1至${FREE_APPLICATIONS_PER_MONTH}件不收费`;
  if (nth <= FIRST_PAID_BAND_END) return `第11至${FIRST_PAID_BAND_END}件每件${BAND_STEP_YUAN}元`;
  const start = FIRST_PAID_BAND_END + 1 + Math.floor((nth - FIRST_PAID_BAND_END - 1) / BAND_SIZE) * BAND_SIZE;
  return `第${start}至${start + BAND_SIZE - 1}件每件${perApplicationRate(nth)}元`;
}

/** 109号 按件计收 for the applicant's `nth` application (this one included) in the calendar month. */
export function feeByApplications(nth: number): FeeCharge {
  const yuan = perApplicationRate(nth);
  return {
    basis: 'perApplication',
    yuan,
    explanation: `按件计收：本申请为申请人本自然月第${nth}件，${bandOf(nth)}，本件收费${yuan}元（国办函〔2020〕109号）`,
  };
}

/** The tiers of 按量计收: pages up to `upTo` (inclusive) at `yuanPerPage`. */
const PAGE_TIERS = [
  { upTo: 30, yuanPerPage: 0 },
  { upTo: 100, yuanPerPage: 10 },
  { upTo: 200, yuanPerPage: 20 },
  { upTo: Number.POSITIVE_INFINITY, yuanPerPage: 40 },
] as const;

/** 109号 按量计收: ≤30 pages free, 31–100 at 10 元, 101–200 at 20 元, from 201 at 40 元 a page, progressive. */
export function feeByPages(pages: number): FeeCharge {
  positiveInteger('pages', pages, '页数');
  let yuan = 0;
  let below = 0;
  const parts: string[] = [];
  for (const tier of PAGE_TIERS) {
    if (pages <= below) break;
    const inTier = Math.min(pages, tier.upTo) - below;
    const range =
      tier.upTo === Number.POSITIVE_INFINITY ? `第${below + 1}页起` : `第${below + 1}至${tier.upTo}页`;
    if (tier.yuanPerPage === 0) parts.push(`${range}不收费`);
    else parts.push(`${range}${inTier}页×${tier.yuanPerPage}元=${inTier * tier.yuanPerPage}元`);
    yuan += inTier * tier.yuanPerPage;
    below = tier.upTo;
  }
  return {
    basis: 'perPage',
    yuan,
    explanation: `按量计收：共${pages}页，${parts.join('，')}，合计${yuan}元（国办函〔2020〕109号，超额累进）`,
  };
}
