import { routeFuzz } from '../fixtures/route-fuzz';

// The groups the fuzz table (test/fixtures/route-fuzz.ts) is split into, one test file each
// (test/fuzz-*.test.ts), so that no file runs for minutes and a failure names its part of the platform.

export type FuzzGroup = 'portal' | 'publishing' | 'cases-and-administration' | 'oversight';

// The back-office screens of each group, by URL prefix. Every other route (the portal, the API, static
// files, the sign-in steps, the dashboard, and a route under a prefix named nowhere here) is in 'portal',
// so every route of the table is fuzzed by exactly one file.
const groupPrefixes: [FuzzGroup, string[]][] = [
  [
    'publishing',
    [
      '/admin/items',
      '/admin/subjects',
      '/admin/wording-rules',
      '/admin/inspections',
      '/admin/rectifications',
      '/admin/calendar',
    ],
  ],
  [
    'cases-and-administration',
    [
      '/admin/applications',
      '/admin/mailbox',
      '/admin/letter-templates',
      '/admin/agencies',
      '/admin/users',
      '/admin/roles',
      '/admin/audit',
    ],
  ],
  [
    'oversight',
    [
      '/admin/key-tasks',
      '/admin/staff',
      '/admin/gap-checks',
      '/admin/work-summary',
      '/admin/reports',
      '/admin/oversight',
    ],
  ],
];

/** The group a route of the fuzz table ("METHOD url") is fuzzed in. */
export function fuzzGroupOf(key: string): FuzzGroup {
  const url = key.split(' ')[1] ?? '';
  return groupPrefixes.find(([, prefixes]) => prefixes.some((p) => url.startsWith(p)))?.[0] ?? 'portal';
}

/** The routes of the group, in the order of the fuzz table. */
export function fuzzGroupKeys(group: FuzzGroup): string[] {
  return Object.keys(routeFuzz).filter((key) => fuzzGroupOf(key) === group);
}
