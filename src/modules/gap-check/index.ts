export { firstWorkingDayOf } from './first-workday';
export {
  getGapReport,
  listGapReports,
  officerAddresses,
  runGapCheck,
  runGapCheckNow,
  runMonthlyGapChecks,
} from './gap-check.service';
export { type GapRow, type GapSection, gapCollectors } from './gap-sections';
