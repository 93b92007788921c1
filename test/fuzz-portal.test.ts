import { describeFuzzGroup } from './helpers/fuzz-run';

// security.md T6 (issue 8) for the public side and the sign-in: the portal pages, the 依申请公开 and 部门信箱 forms
// and the citizen's tracking pages, downloads, feeds and sitemaps, search, the JSON API, static files, the
// back office's sign-in steps (password, second factor, enrolment, password change, sign-out) and its
// dashboard.
// What each route gets, and what every answer must be: describeFuzzGroup in test/helpers/fuzz-run.ts.

describeFuzzGroup('portal', 'the portal, API, static and sign-in routes');
