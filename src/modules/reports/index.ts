// The annual report (政府信息公开工作年度报告, 条例 Art. 49–50, format 国办公开办函〔2021〕30号): the JSON
// interchange format, the checks H1–H5 and S1–S5, building from the records, HTML and Word in the national
// layout, and import of a published report. Other modules import it only through this file.

export type {
  AnnualReportRow,
  AnnualReportStatus,
  ReportFigure,
  ReportFigureKey,
} from '../../db/schema-reports';
export { extractNumbers, parseChineseNumeral, type StatedNumber } from './narrative-numbers';
export { buildAnnualReport } from './report-build.service';
export { checkAnnualReport, type ReportCheck, type ReportFinding, type RuleId } from './report-check';
export { type ComparedFigure, type ComparedTable, compareFigure, compareReports } from './report-compare';
export { annualReportDocx } from './report-docx';
export {
  enterReportFigures,
  importReportFigures,
  listReportFigures,
  REPORT_FIGURE_KEYS,
  reportFigureLabels,
  sumFigure,
} from './report-figures.service';
export { renderAnnualReportHtml } from './report-html';
export { importAnnualReportHtml } from './report-html-import';
export { type ParsedReportFile, parseAnnualReportFile } from './report-import';
export {
  appealBlockLabels,
  appealColumnLabels,
  OUTCOME_GROUPS,
  reportTitle,
  SECTION_HEADINGS,
  table3RowNames,
} from './report-labels';
export { formatCell } from './report-layout';
export {
  interpretationsByForm,
  type ReportScope,
  reportScope,
  sourceStatusCounts,
} from './report-queries';
export {
  type AnnualReport,
  APPEAL_BLOCKS,
  APPEAL_COLUMNS,
  APPLICANT_COLUMNS,
  type AppealBlock,
  type AppealColumn,
  type ApplicantColumn,
  annualReportSchema,
  applicantColumnLabels,
  OUTCOME_ROWS,
  TABLE3_ROWS,
  type Table3Row,
} from './report-schema';
export {
  assertDraft,
  followItemStatus,
  generateStoredReport,
  listStoredReports,
  loadStoredReport,
  previousReportOf,
  reportOfRow,
  reportStatusLabels,
  reportYearSchema,
  type StoredReport,
  storedReportOf,
} from './report-store.service';
export {
  assertReportEditor,
  mayEditReport,
  type ReportAgency,
  reportAgencyChoices,
  reportAgencyFor,
} from './report-store-access';
export { importStoredReport, saveReportFigures, saveReportNarrative } from './report-store-edit.service';
export { type ReportPageFacts, reportPageFacts } from './report-store-view';
export {
  departmentsNotPublished,
  reportColumnOf,
  reportItemBody,
  submitStoredReport,
} from './report-workflow.service';
