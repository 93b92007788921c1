import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { DEMO_PASSWORD } from '../../src/app/demo-data';
import { sealText } from '../../src/core/secrets';
import { createAgency } from '../../src/modules/accounts';
import { systemActor } from '../../src/modules/audit';
import { buildServer } from '../../src/web/http/server';
import type { FuzzRole, FuzzSeed } from '../fixtures/route-fuzz';
import { makeUser, TEST_PASSWORD, TEST_TOTP_SECRET } from './factories';
import { HttpClient } from './http-client';
import { seedRouteRecords } from './route-records';
import { createTestContext, type TestContext } from './test-context';

// The world the route fuzzing runs in (test/fuzz-*.test.ts): the demo district with one record of
// every kind a route parameter names, an agency and accounts of its own for the routes that change
// them, and one signed-in client per role of the fuzz table.

/** The attachment size limit of the fuzz world, in MB: limit + 1 bytes stays cheap to send. */
export const ATTACHMENT_MAX_MB = 1;

export interface World {
  ctx: TestContext;
  app: Awaited<ReturnType<typeof buildServer>>;
  seeds: Record<FuzzSeed, string>;
  clients: Map<FuzzRole, { client: HttpClient; csrf: string }>;
  accounts: Record<'spare' | 'password-only' | 'enrolling', string>;
  protoKeys: string[];
  timings: number[];
  /** The digest of the watched tables after the last refused request of the current route. */
  lastDigest: string | null;
}

export async function openWorld(kind: 'sqlite' | 'postgres'): Promise<World> {
  // Load shedding (T1) is off: a slow request shows here as its own time, not as 503s for the next ones.
  const ctx = await createTestContext(kind, {
    GONGKAI_ATTACHMENT_MAX_MB: String(ATTACHMENT_MAX_MB),
    GONGKAI_SHED_EVENT_LOOP_DELAY_MS: '0',
  });
  const { ids } = await seedRouteRecords(ctx);
  const actor = systemActor('fuzz');
  const spareAgency = await createAgency(ctx, actor, {
    code: 'fuzzag',
    name: '模糊测试专用机构',
    shortName: '模糊测试',
    kind: 'department',
  });
  const czj = await ctx.db
    .selectFrom('agencies')
    .select('id')
    .where('code', '=', 'czj')
    .executeTakeFirstOrThrow();
  const [spare, pending, enrolling] = await Promise.all([
    makeUser(ctx, { grants: [{ agencyId: czj.id, role: 'editor' }] }),
    makeUser(ctx, { grants: [{ agencyId: czj.id, role: 'editor' }] }),
    makeUser(ctx, { grants: [{ agencyId: czj.id, role: 'editor' }], enrolled: false }),
  ]);
  // Demo accounts sign in with the test TOTP secret.
  await ctx.db
    .updateTable('users')
    .set({ totp_secret: sealText(ctx.keys.secret, TEST_TOTP_SECRET) })
    .where('id', 'not in', [enrolling.id])
    .where('totp_secret', 'is', null)
    .execute();
  const jxj = ids.agencyId;
  const spareItem = await ctx.db
    .selectFrom('items')
    .select('id')
    .where('agency_id', '=', jxj)
    .where('status', '=', 'published')
    .where('visibility', '=', 'public')
    .where('id', '!=', ids.publishedItemId)
    .orderBy('id')
    .executeTakeFirstOrThrow();
  const normative = await ctx.db
    .selectFrom('normative_documents')
    .innerJoin('items', 'items.id', 'normative_documents.item_id')
    .select('items.id')
    .where('items.agency_id', '=', jxj)
    .executeTakeFirstOrThrow();
  const seeds: Record<FuzzSeed, string> = {
    agencyCode: ids.agencyCode,
    columnSlug: ids.columnSlug,
    publicItemId: ids.publishedItemId,
    draftItemId: ids.draftItemId,
    spareItemId: spareItem.id,
    normativeItemId: normative.id,
    attachmentId: ids.publicAttachmentId,
    draftAttachmentId: ids.attachmentId,
    publishedLetterId: ids.publicLetterId,
    applicationId: ids.applicationId,
    applicationLetterId: ids.applicationLetterId,
    mailboxLetterId: ids.mailboxLetterId,
    spareAgencyId: spareAgency.id,
    jxjAgencyId: jxj,
    spareUserId: ids.userId,
    subjectId: ids.subjectId,
    letterTemplateKey: ids.letterTemplateKey,
    inspectionRuleId: ids.inspectionRuleId,
    thresholdKey: ids.thresholdKey,
    inspectionId: ids.inspectionId,
    rectificationId: ids.rectificationId,
    wordingRuleId: ids.wordingRuleId,
    wordingAllowId: ids.allowEntryId,
    keyTaskItemId: ids.keyTaskItemId,
    keyTaskId: ids.keyTaskId,
    evidenceId: ids.evidenceId,
    staffId: ids.staffId,
    meetingId: ids.meetingId,
    gapCheckId: ids.gapCheckId,
    reportId: ids.reportId,
    sitemapPage: '1',
  };
  const app = await buildServer(ctx);
  return {
    ctx,
    app,
    seeds,
    clients: new Map(),
    accounts: { spare: spare.username, 'password-only': pending.username, enrolling: enrolling.username },
    protoKeys: Object.getOwnPropertyNames(Object.prototype).sort(),
    timings: [],
    lastDigest: null,
  };
}

const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1];

/** A client signed in as the role, with a CSRF token that matches its cookie. */
export async function clientFor(world: World, role: FuzzRole) {
  const known = world.clients.get(role);
  if (known) return known;
  const { ctx, app } = world;
  const client = new HttpClient(app);
  let tokenPage = '/admin';
  if (role === 'public') tokenPage = '/apply/track';
  else if (role === 'password-only' || role === 'enrolling') {
    const first = await client.postForm(
      '/admin/login',
      { username: world.accounts[role], password: TEST_PASSWORD },
      '/admin/login',
    );
    if (first.statusCode !== 303) throw new Error(`sign-in of ${role}: ${first.statusCode}`);
    tokenPage = role === 'enrolling' ? '/admin/2fa/enroll' : '/admin/2fa';
  } else {
    const done =
      role === 'spare'
        ? await client.login(ctx, world.accounts.spare)
        : await client.login(ctx, role, DEMO_PASSWORD);
    if (done.statusCode !== 303) throw new Error(`sign-in of ${role}: ${done.statusCode}`);
  }
  const csrf = csrfOf((await client.get(tokenPage)).body);
  if (!csrf) throw new Error(`no CSRF token for ${role} on ${tokenPage}`);
  const entry = { client, csrf };
  world.clients.set(role, entry);
  return entry;
}

/** A digest of the rows of the tables a route writes (columns that change on any visit left out). */
const volatile = new Set(['view_count', 'last_seen_at', 'failed_logins', 'locked_until', 'last_login_at']);
export async function digestOf(world: World, tables: string[]): Promise<string> {
  const hash = createHash('sha256');
  for (const table of tables) {
    const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(
      world.ctx.db,
    );
    const lines = rows.map((row) =>
      JSON.stringify(
        Object.entries(row)
          .filter(([k]) => !volatile.has(k) && !(table === 'users' && k === 'updated_at'))
          .sort(([a], [b]) => a.localeCompare(b)),
      ),
    );
    hash.update(`${table}:${lines.sort().join('\n')}`);
  }
  return hash.digest('hex');
}
