import type { Selectable } from 'kysely';

// Row shapes of the annual-report tables (migration 0013).

/** The keys of the figures entered from other systems (table 2 of the annual report). */
export type ReportFigureKey =
  | 'licensing' // 第二十条第（五）项 行政许可 本年处理决定数量
  | 'penalty' // 第二十条第（六）项 行政处罚
  | 'enforcement' // 第二十条第（六）项 行政强制
  | 'feesTenThousandYuan' // 第二十条第（八）项 行政事业性收费 本年收费金额（万元）
  | 'rules.issued' // 规章: districts make none (law-and-formats.md §2.3); only for an agency that does
  | 'rules.repealed'
  | 'rules.inForce';

export interface ReportFigureTable {
  agency_id: string;
  year: number;
  key: ReportFigureKey;
  value: string; // decimal as text
  source: string;
  entered_by: string;
  entered_at: string;
}

export type AnnualReportStatus = 'draft' | 'in_review' | 'approved' | 'published';

export interface AnnualReportTable {
  id: string;
  agency_id: string;
  year: number;
  status: AnnualReportStatus;
  data: string; // JSON AnnualReport (src/modules/reports/report-schema.ts)
  item_id: string | null;
  created_by: string;
  created_at: string;
  updated_by: string;
  updated_at: string;
}

export interface ReportTables {
  report_figures: ReportFigureTable;
  annual_reports: AnnualReportTable;
}

export type ReportFigure = Selectable<ReportFigureTable>;
export type AnnualReportRow = Selectable<AnnualReportTable>;
