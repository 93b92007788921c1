export { type ApplicationRow, applicationTimeliness } from './application-timeliness';
export { DISCLOSURE_RATE_DEFINITION, type DisclosureRow, proactiveDisclosureRates } from './disclosure-rate';
export { filterQuery, type OversightFilter, type ResolvedFilter, resolveOversightFilter } from './filter';
export { columnFreshness, type FreshnessResult, type FreshnessRow } from './freshness';
export { type InterpretationRow, interpretationCoverage } from './interpretation-coverage';
export { type KeyTaskRow, keyTaskOverview } from './key-tasks';
export { type LetterRow, letterTimeliness } from './letters';
export {
  type Cell,
  type ChartSpec,
  cellText,
  type MetricSection,
  type MetricTable,
  type SeriesTone,
} from './metric-table';
export { presentOversight } from './oversight.presenter';
export { type OversightReport, oversightReport } from './oversight.service';
export { HEADER_ROW, oversightWorkbook, type WorkbookHeading } from './oversight-workbook';
export {
  monthLabel,
  type Period,
  type PeriodInput,
  type PeriodKind,
  periodKindLabels,
  periodKinds,
  periodOf,
} from './period';
export { type PublishedByColumn, publishedByColumnMonth } from './publications';
export { type RectificationRow, rectificationProgress } from './rectification';
export { type AgencyName, agenciesInScope, type OversightScope } from './scope';
