// The figures of a year's work summary (工作总结), gathered from the records by summary-queries.ts and
// turned into text by summary-text.ts. Plain data, so the composer is pure and table-tested.

/** 重点工作清单 progress for the agency and year (src/modules/tasks keyTaskProgress). */
export interface KeyTaskFigures {
  total: number;
  done: number;
  inProgress: number;
  late: number;
  withoutEvidence: number;
}

export interface ColumnFigure {
  name: string;
  published: number; // public items first published in the year
  updateDays: number | null; // the column's freshness rule; null = static column
}

export interface ReviewFigures {
  signedOff: number; // items through the whole review chain (终审签发) in the year
  secrecyReviews: number; // 复审 opinions with the secrecy review confirmed
  returned: number; // returns for revision at any step
  overruled: number; // sign-offs with veto-level compliance findings overruled in writing
}

export interface InterpretationFigures {
  byForm: { label: string; count: number }[]; // in the order of interpretationForms; zero forms left out
  total: number;
  policiesPublished: number; // policies (规章, 规范性文件, major policies) published in the year
  policiesWithout: number; // of those, still without a published interpretation
}

export interface RectificationGroupFigure {
  label: string;
  opened: number;
  closed: number;
  excepted: number;
  open: number;
  rate: number; // whole percent
}

export interface WorkSummaryFigures {
  agencyName: string;
  year: number;
  tasks: KeyTaskFigures; // the agency's tasks on the year's 重点工作清单
  columns: ColumnFigure[];
  sourceStatus: { submitted: number; proactive: number; onRequest: number; withheld: number };
  review: ReviewFigures;
  interpretations: InterpretationFigures;
  rectification: RectificationGroupFigure[];
}
