import {
  type AnnualReport,
  APPEAL_BLOCKS,
  APPLICANT_COLUMNS,
  type AppealBlock,
  type ApplicantColumn,
  OUTCOME_ROWS,
  type OutcomeRow,
  TABLE3_ROWS,
  type Table3Row,
  zeroRow,
} from './report-schema';

// Tables 3 and 4 counted from case records (pure). The year's boundaries, in China's calendar days
// (YYYY-MM-DD, as received_on and decided_on are stored):
// - 一、本年新收: received (条例 Art. 31 收到申请之日) within the year;
// - 二、上年结转: received before 1 January and not decided before it (open on 1 January);
// - （一）–（六）: decided within the year, counted once, in the row of the case's one leaf outcome;
// - 四、结转下年度: received by 31 December and not decided by it (still open at the year's end).
// So H1 holds by construction: every case counted in 一 or 二 is either decided in the year or carried
// forward. The decision date is the day of the decision (decided_on), not the day the reply is delivered.

export interface CaseFacts {
  applicantType: Exclude<ApplicantColumn, 'total'>;
  receivedOn: string;
  decidedOn: string | null;
  outcome: string | null;
}

export interface AppealFacts {
  kind: AppealBlock;
  filedOn: string;
  result: 'upheld' | 'corrected' | 'other' | 'pending';
  concludedOn: string | null;
}

const yearBounds = (year: number) => ({ first: `${year}-01-01`, last: `${year}-12-31` });
const isOutcomeRow = (code: string | null): code is OutcomeRow => OUTCOME_ROWS.includes(code as OutcomeRow);

/** The row a case counts in for the year's 三, or null when it was not decided in the year. */
function outcomeRowIn(c: CaseFacts, year: number): OutcomeRow | null {
  const { first, last } = yearBounds(year);
  if (!c.decidedOn || c.decidedOn < first || c.decidedOn > last) return null;
  if (!isOutcomeRow(c.outcome)) throw new Error(`decided case without a table 3 outcome: ${c.outcome}`);
  return c.outcome;
}

/** Table 3 for a year from the cases (received ones only; holding-queue and spam rows are not cases). */
export function tallyApplications(cases: readonly CaseFacts[], year: number): AnnualReport['applications'] {
  const { first, last } = yearBounds(year);
  const table = Object.fromEntries(TABLE3_ROWS.map((r) => [r, zeroRow()])) as Record<Table3Row, number[]>;
  const add = (row: Table3Row, c: CaseFacts) => {
    const cells = table[row];
    const col = APPLICANT_COLUMNS.indexOf(c.applicantType);
    cells[col] = (cells[col] ?? 0) + 1;
    cells[6] = (cells[6] ?? 0) + 1;
  };
  for (const c of cases) {
    const openOn = (day: string) => c.receivedOn <= day && (!c.decidedOn || c.decidedOn > day);
    if (c.receivedOn >= first && c.receivedOn <= last) add('newReceived', c);
    if (c.receivedOn < first && (!c.decidedOn || c.decidedOn >= first)) add('carriedOver', c);
    const row = outcomeRowIn(c, year);
    if (row) {
      add(row, c);
      add('total', c);
    }
    if (openOn(last)) add('carriedForward', c);
  }
  return table;
}

/**
 * Table 4 for a year: the reconsiderations and lawsuits filed in the year, each with its result as it stood
 * on 31 December (concluded later = 尚未审结). 复议后起诉 may exceed the year's 行政复议 (S4), by design.
 */
export function tallyAppeals(appeals: readonly AppealFacts[], year: number): AnnualReport['appeals'] {
  const { first, last } = yearBounds(year);
  const blank = () => ({ upheld: 0, corrected: 0, other: 0, pending: 0, total: 0 });
  const result = Object.fromEntries(APPEAL_BLOCKS.map((b) => [b, blank()])) as AnnualReport['appeals'];
  for (const a of appeals) {
    if (a.filedOn < first || a.filedOn > last) continue;
    const settled = a.result !== 'pending' && a.concludedOn !== null && a.concludedOn <= last;
    const block = result[a.kind] as Record<string, number>;
    const column = settled ? a.result : 'pending';
    block[column] = (block[column] ?? 0) + 1;
    block.total = (block.total ?? 0) + 1;
  }
  return result;
}
