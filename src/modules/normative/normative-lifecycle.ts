// 行政规范性文件 lifecycle (law-and-formats.md §3.5; 国办发〔2018〕37号): registered with a 登记号, valid for a
// period (5 years by default, 2 for 试行/暂行), then 有效 → 失效 at expiry unless renewed, or 废止, 已修订
// (linked to its successor) or 部分失效 — each with its date and the instrument that caused it.

export const normativeStatuses = ['in_force', 'expired', 'repealed', 'amended', 'partly_expired'] as const;
export type NormativeStatus = (typeof normativeStatuses)[number];

export const normativeStatusLabels: Record<NormativeStatus, string> = {
  in_force: '有效',
  expired: '失效',
  repealed: '废止',
  amended: '已修订',
  partly_expired: '部分失效',
};

// Which statuses may follow which. Expiry, repeal and amendment are final: a renewed document is
// re-registered and republished as a new one (Shandong practice, §3.5).
const allowed: Record<NormativeStatus, NormativeStatus[]> = {
  in_force: ['expired', 'repealed', 'amended', 'partly_expired'],
  partly_expired: ['expired', 'repealed', 'amended'],
  expired: [],
  repealed: [],
  amended: [],
};

/** Whether a document in `from` may move to `to`. */
export function canChangeNormativeStatus(from: NormativeStatus, to: NormativeStatus): boolean {
  return allowed[from].includes(to);
}

export interface ValidityRule {
  years: number;
  trialYears: number;
}

export const defaultValidity: ValidityRule = { years: 5, trialYears: 2 };

/** A 试行 or 暂行 document has the shorter validity; the title says so. */
export function isTrialTitle(title: string): boolean {
  return /[（(](试行|暂行)[）)]/.test(title) || /(试行|暂行)(办法|规定|细则|条例)?$/.test(title);
}

/** The last day of validity: the day before the same date `years` later (YYYY-MM-DD in, out). */
export function validUntil(
  effectiveFrom: string,
  trial: boolean,
  rule: ValidityRule = defaultValidity,
): string {
  const [y, m, d] = effectiveFrom.split('-').map(Number) as [number, number, number];
  const end = new Date(Date.UTC(y + (trial ? rule.trialYears : rule.years), m - 1, d));
  // 29 February in a non-leap end year rolls to 1 March; one day back gives 28 February, as people count.
  end.setUTCDate(end.getUTCDate() - 1);
  return end.toISOString().slice(0, 10);
}

/** The day reminders start: six months before expiry (evaluation runs in the final 6 months, §3.5). */
export function reminderFrom(validUntilDay: string): string {
  const [y, m, d] = validUntilDay.split('-').map(Number) as [number, number, number];
  const start = new Date(Date.UTC(y, m - 1 - 6, d));
  return start.toISOString().slice(0, 10);
}
