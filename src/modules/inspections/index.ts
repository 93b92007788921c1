export { columnFreshnessOf } from './column-freshness.service';
export { type ContentCheck, complianceCheck, type InspectedItem } from './content-checks';
export {
  type FindingKind,
  type FindingSeverity,
  fingerprintOf,
  type InspectionFinding,
  itemFinding,
  type ScopedFinding,
} from './finding';
export {
  deductionIndicators,
  groupOfKind,
  indicatorName,
  kindLabels,
  rectificationGroups,
  severityLabels,
  vetoIndicators,
} from './indicators';
export { type InspectionResult, type RunOptions, runInspection, summaryOf } from './inspection.service';
export {
  type InspectionReport,
  inspectionReport,
  listInspections,
  type ReportGroup,
  verdictOf,
} from './inspection-report';
export {
  acceptException,
  getTask,
  listTasks,
  mayExceptTask,
  mayViewTask,
  type RescanResult,
  rescanTask,
  type TaskFilter,
} from './rectification.service';
export {
  type AgencyStats,
  type GroupStats,
  rectificationRate,
  rectificationSentence,
  rectificationStats,
  type StatsQuery,
  tallyGroups,
} from './rectification-stats';
export { reportCsvHeader, reportCsvRows } from './report-csv';
export { renderReportDocx, reportTitle } from './report-docx';
export {
  addColumnOverride,
  type FreshnessRuleView,
  getFreshnessRule,
  listFreshnessRules,
  mayEditInspectionRules,
  overrideColumnChoices,
  removeColumnOverride,
  ruleTarget,
  saveFreshnessRule,
} from './rule-editor.service';
export { inspectionRuleHistory, type RuleChange } from './rule-history';
export { ruleFieldLabels, thresholdSpecs, vetoClassLabels } from './rule-input';
export type { InspectionSummary } from './scoring';
export type { ExternalLinkChecker, ScanOptions } from './site-scan';
export { presentTask, type TaskView, taskStatusLabels } from './task-view';
export { getThreshold, listThresholds, saveThreshold, type ThresholdView } from './threshold-editor.service';
