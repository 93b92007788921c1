import type { Insertable } from 'kysely';
import { loadDemoContent } from '../../src/app/demo-content';
import { newId } from '../../src/core/ids';
import type {
  ApplicationAppealTable,
  ApplicationEventTable,
  ApplicationTable,
} from '../../src/db/schema-applications';
import { OUTCOME_CODES } from '../../src/modules/applications/outcomes';
import { annualReportDocx, buildAnnualReport } from '../../src/modules/reports';
import { createTestContext, type TestContext } from '../../test/helpers/test-context';
import { type Figure, log, median, since } from '../lib/figure';
import { seededRandom } from '../search/corpus';

// Annual report build (src/modules/reports, issue 7): the district's report for a year counted from N
// application cases spread over its departments — received over three years, most decided within 20
// working days with the 21 outcomes of table 3, a few still open; 1 in 50 appealed, 1 in 100 paid a fee —
// then rendered as the GB/T 9704 Word file. Cases are written straight into the tables (the workflow
// would take hours for 10,000); the build reads them as it reads real ones.

const YEAR = 2025;
const APPLICANT_TYPES = [
  'natural',
  'natural',
  'natural',
  'commercial',
  'research',
  'publicWelfare',
  'legalService',
  'other',
] as const;
const BATCH = 500;

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

async function seedCases(ctx: TestContext, count: number): Promise<string> {
  const agencies = await ctx.db.selectFrom('agencies').select(['id', 'kind']).execute();
  const district = agencies.find((a) => a.kind === 'district')?.id ?? '';
  const rnd = seededRandom(77);
  const startMs = Date.UTC(YEAR - 1, 0, 1);
  for (let from = 0; from < count; from += BATCH) {
    const cases: Insertable<ApplicationTable>[] = [];
    const appeals: Insertable<ApplicationAppealTable>[] = [];
    const events: Insertable<ApplicationEventTable>[] = [];
    for (let n = from; n < Math.min(count, from + BATCH); n++) {
      const received = startMs + Math.floor(rnd() * 730) * 86_400_000;
      const open = rnd() < 0.04;
      const decided = open ? null : day(received + (3 + Math.floor(rnd() * 25)) * 86_400_000);
      const id = newId();
      const at = new Date(received).toISOString();
      cases.push({
        id,
        agency_id: (agencies[n % agencies.length] as { id: string }).id,
        tracking_number: `BENCH${String(n).padStart(8, '0')}`,
        query_code_hash: 'bench',
        channel: 'online' as const,
        applicant_type: APPLICANT_TYPES[n % APPLICANT_TYPES.length] as (typeof APPLICANT_TYPES)[number],
        applicant_name: '申请人',
        contact_person: null,
        id_type: '居民身份证',
        id_number_sealed: null,
        id_number_masked: '3301**********0415',
        phone_sealed: null,
        phone_masked: '138****5678',
        email_sealed: null,
        email_masked: '',
        address_sealed: null,
        address_masked: '',
        applicant_key: `bench-${n % 3000}`,
        description: '申请公开本单位年度预算执行情况',
        delivery_form: 'electronic',
        delivery_channel: 'online',
        status: open ? ('processing' as const) : ('closed' as const),
        held_reason: null,
        submitted_ip: null,
        received_on: day(received),
        assigned_to: null,
        due_on: day(received + 28 * 86_400_000),
        outcome: open ? null : (OUTCOME_CODES[Math.floor(rnd() ** 2 * OUTCOME_CODES.length)] as string),
        outcome_note: null,
        decided_on: decided,
        closed_on: decided,
        purged_at: null,
        created_at: at,
        updated_at: at,
      });
      if (decided && n % 50 === 0) {
        const filed = day(Date.parse(decided) + 30 * 86_400_000);
        appeals.push({
          id: newId(),
          application_id: id,
          kind:
            (['reconsideration', 'litigationDirect', 'litigationAfterReconsideration'] as const)[n % 3] ??
            'reconsideration',
          filed_on: filed,
          result: (['upheld', 'corrected', 'other', 'pending'] as const)[n % 4] ?? 'pending',
          concluded_on: n % 4 === 3 ? null : day(Date.parse(filed) + 60 * 86_400_000),
          note: '',
          created_at: at,
          updated_at: at,
        });
      }
      if (decided && n % 100 === 1)
        events.push({
          id: newId(),
          application_id: id,
          kind: 'fee_paid',
          on_date: decided,
          at,
          actor_id: null,
          actor_name: '系统',
          data: JSON.stringify({ yuan: 100 }),
          note: '',
        });
    }
    await ctx.db.transaction().execute(async (trx) => {
      await trx.insertInto('applications').values(cases).execute();
      if (appeals.length) await trx.insertInto('application_appeals').values(appeals).execute();
      if (events.length) await trx.insertInto('application_events').values(events).execute();
    });
  }
  return district;
}

export async function benchReports(options: { cases: number; rounds: number }): Promise<Figure[]> {
  const ctx = await createTestContext('sqlite');
  try {
    await loadDemoContent(ctx);
    log(`reports: seeding ${options.cases} cases`);
    const district = await seedCases(ctx, options.cases);
    await buildAnnualReport(ctx, district, YEAR); // warm-up
    const builds: number[] = [];
    const renders: number[] = [];
    let counted = 0;
    for (let i = 0; i < options.rounds; i++) {
      const start = performance.now();
      const report = await buildAnnualReport(ctx, district, YEAR);
      builds.push(since(start));
      const render = performance.now();
      await annualReportDocx(report);
      renders.push(since(render));
      counted = (report.applications.newReceived[6] ?? 0) + (report.applications.carriedOver[6] ?? 0);
    }
    const label = `${options.cases.toLocaleString('en-US')} cases`;
    const note = `district report for ${YEAR} over all departments; ${counted.toLocaleString('en-US')} cases counted in the year; median of ${options.rounds}`;
    return [
      {
        bench: 'annual report',
        name: `build (tables 2–4, overview), ${label}`,
        value: median(builds),
        unit: 'ms',
        trend: `report ${label}`,
        note,
      },
      { bench: 'annual report', name: `render the Word file, ${label}`, value: median(renders), unit: 'ms' },
    ];
  } finally {
    await ctx.close();
  }
}
