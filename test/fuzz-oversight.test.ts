import { describeFuzzGroup } from './helpers/fuzz-run';

// security.md T6 (issue 8) for the back office's oversight screens: 重点工作 key tasks and their evidence,
// disclosure staff and meetings, gap checks, the work summary, annual reports (年度报告) and the district's
// oversight tables.
// What each route gets, and what every answer must be: describeFuzzGroup in test/helpers/fuzz-run.ts.

describeFuzzGroup('oversight', 'the oversight routes');
