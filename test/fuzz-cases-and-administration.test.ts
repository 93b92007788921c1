import { describeFuzzGroup } from './helpers/fuzz-run';

// security.md T6 (issue 8) for the back office's cases and administration: 依申请公开 cases and their letters,
// 部门信箱 letters and mailbox rules, letter templates, and the administrators' screens (agencies, accounts,
// roles, the audit log).
// What each route gets, and what every answer must be: describeFuzzGroup in test/helpers/fuzz-run.ts.

describeFuzzGroup('cases-and-administration', 'the case and administration routes');
