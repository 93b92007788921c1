import chineseDays from 'chinese-days';
import { packagedCalendar } from '../../src/modules/calendar';
import { publicationTimeliness } from '../../src/modules/documents';

// Working-day walks as the back office makes them (not a test): `npx tsx bench/calendar/working-days.ts`.
// The 信息管理 page checks the Art. 26 timeliness of an agency's latest 500 published items, two
// 20-working-day walks each. Side by side in one run: the walk as it was (a Date-built string a step, every
// day asked of chinese-days) and as it is (day numbers, each day named once, chinese-days' answers kept:
// src/modules/calendar/working-days.ts and calendar.ts). Prints ms per page of 500 items.

const ITEMS = 500;
const ROUNDS = 20;

const items = Array.from({ length: ITEMS }, (_, i) => {
  const formed = Date.UTC(2024, 0, 2) + i * 86_400_000;
  return {
    written_on: null,
    created_at: new Date(formed).toISOString(),
    published_at: new Date(formed + (10 + (i % 30)) * 86_400_000).toISOString(),
  };
});

function nextDayAsItWas(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** The two walks of publicationTimeliness, as they were written before. */
function walkAsItWas(item: (typeof items)[number]): boolean {
  const formedOn = new Date(Date.parse(item.created_at) + 8 * 3_600_000).toISOString().slice(0, 10);
  const publishedOn = new Date(Date.parse(item.published_at) + 8 * 3_600_000).toISOString().slice(0, 10);
  let deadline = formedOn;
  for (let counted = 0; counted < 20; ) {
    deadline = nextDayAsItWas(deadline);
    if (chineseDays.isWorkday(deadline)) counted++;
  }
  let workingDays = 0;
  for (let day = nextDayAsItWas(formedOn); day <= publishedOn; day = nextDayAsItWas(day))
    if (chineseDays.isWorkday(day)) workingDays++;
  return publishedOn > deadline && workingDays > 20;
}

function msPerPage(check: (item: (typeof items)[number]) => unknown): number {
  for (const item of items) check(item); // warm-up
  const start = performance.now();
  for (let r = 0; r < ROUNDS; r++) for (const item of items) check(item);
  return (performance.now() - start) / ROUNDS;
}

const before = msPerPage(walkAsItWas);
const now = msPerPage((item) => publicationTimeliness(item, packagedCalendar.isWorkday));
console.log(`| walk | ms per page of ${ITEMS} items |\n| --- | ---: |`);
console.log(`| as it was (Date strings, chinese-days each day) | ${before.toFixed(1)} |`);
console.log(
  `| as it is (day numbers, answers kept) | ${now.toFixed(1)} (${(before / now).toFixed(0)}× faster) |`,
);
