import { describeFuzzGroup } from './helpers/fuzz-run';

// security.md T6 (issue 8) for the back office's publishing screens: items (drafting, attachments, the three-
// level review, correction, withdrawal, 规范性文件), subjects, the 错敏词 wording rules, site inspections and their
// rectifications, and the working-day calendar.
// What each route gets, and what every answer must be: describeFuzzGroup in test/helpers/fuzz-run.ts.

describeFuzzGroup('publishing', 'the publishing routes');
