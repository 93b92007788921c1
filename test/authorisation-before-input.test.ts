import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from './fixtures/route-access';
import { bigPdf, file, multipart } from './helpers/attachment-fixtures';
import { type AuthorisationWorld, openAuthorisationWorld } from './helpers/authorisation-world';
import type { HttpClient } from './helpers/http-client';
import { changedTables, databaseDigest } from './helpers/route-records';
import { buildRouteRequest } from './helpers/route-requests';
import { testDatabases } from './helpers/test-context';

// Authorisation before input (security.md T11, T12): a caller who may not take a step, posting a form
// that is not valid, gets 403 (404 for another agency's record), never the 400 that names the form's
// fields and so shows the step exists and what it asks for. The same bodies from a caller who may take
// the step get 400, so the refusals below are not the bodies' doing. Every step of the two workflows
// is tried; authorisation-matrix.test.ts holds the rest of the routes to it with the harmless body.

// The steps of registerStepRoute (application.routes.tsx, mailbox.routes.tsx) by their URL segment.
const caseSteps = [
  'release',
  'dismiss',
  'request-correction',
  'receive-correction',
  'lapse-correction',
  'assign',
  'start-consultation',
  'end-consultation',
  'extend',
  'notice-fee',
  'pay-fee',
  'lapse-fee',
  'decide',
  'deliver',
  'appeal',
];
const approvalSteps = new Set(['extend', 'notice-fee', 'decide']); // the disclosure office's alone
const letterSteps = [
  'release',
  'set-aside',
  'accept',
  'reject',
  'assign',
  'forward',
  'merge',
  'draft',
  'review',
  'send',
  'publish',
  'unpublish',
];

// Bodies that no form accepts: nothing at all, and wrong values under the forms' own field names.
const invalidBodies: Record<string, string>[] = [
  {},
  {
    status: 'bogus',
    effectiveOn: 'yesterday',
    reason: '',
    userId: '',
    days: '-3',
    deliveredOn: 'soon',
    outcome: 'none',
  },
];

interface Case {
  route: string; // the route as app.routeTable lists it
  url: (w: AuthorisationWorld) => string;
  refused: Role[]; // agency A's callers the step refuses (403)
  allowed: Role; // an agency A caller who may take it: the same bodies give 400
}

const cases: Case[] = [
  ...caseSteps.map(
    (step): Case => ({
      route: 'POST /admin/applications/:id/:action',
      url: (w) => `/admin/applications/${w.records.ids.applicationId}/${step}`,
      refused: [
        'reviewer1',
        'reviewer3',
        'supervisor',
        ...(approvalSteps.has(step) ? ['editor' as const] : []),
      ],
      allowed: 'reviewer2',
    }),
  ),
  ...letterSteps.map(
    (step): Case => ({
      route: 'POST /admin/mailbox/:id/:action',
      url: (w) => `/admin/mailbox/${w.records.ids.mailboxLetterId}/${step}`,
      refused: step === 'review' ? ['editor', 'supervisor'] : ['reviewer1', 'reviewer3', 'supervisor'],
      allowed: step === 'review' ? 'reviewer1' : 'editor',
    }),
  ),
  {
    route: 'POST /admin/items/:id/normative',
    url: (w) => `/admin/items/${w.records.ids.draftItemId}/normative`,
    refused: ['editor', 'reviewer1', 'supervisor'],
    allowed: 'reviewer2',
  },
  {
    route: 'POST /admin/rectifications/:id/exception',
    url: (w) => `/admin/rectifications/${w.records.ids.rectificationId}/exception`,
    refused: ['editor'],
    allowed: 'reviewer1',
  },
  {
    route: 'POST /admin/key-tasks/tasks/:id/evidence', // multipart, with no file
    url: (w) => `/admin/key-tasks/tasks/${w.records.ids.keyTaskId}/evidence`,
    refused: ['supervisor'],
    allowed: 'editor',
  },
];

describe.each(testDatabases())('authorisation before input on %s', (kind) => {
  let world: AuthorisationWorld;
  beforeAll(async () => {
    world = await openAuthorisationWorld(kind);
  });
  afterAll(async () => {
    await world?.close();
  });

  const post = (client: HttpClient, token: string, c: Case, body: Record<string, string>) => {
    const [method = '', route = ''] = c.route.split(' ');
    const request = buildRouteRequest({ method, url: route }, world.records.ids, token, body);
    return client.request({ ...request, url: c.url(world) });
  };
  const label = (c: Case) => c.url(world).replace(/\/[0-9a-f-]{36}/g, '/:id');

  it('answers 403 to a caller the step refuses, whatever the form holds, and changes nothing', async () => {
    const before = await databaseDigest(world.ctx);
    const problems: string[] = [];
    for (const c of cases)
      for (const role of c.refused)
        for (const body of invalidBodies) {
          const res = await post(world.clients[role], world.tokens[role], c, body);
          if (res.statusCode !== 403) problems.push(`${label(c)} as ${role}: ${res.statusCode}`);
          if (res.body.includes('field-error')) problems.push(`${label(c)} as ${role}: names a field`);
        }
    expect(problems).toEqual([]);
    expect(changedTables(before, await databaseDigest(world.ctx))).toEqual([]);
  });

  it('answers 404 to another agency’s staff for agency A’s records, whatever the form holds', async () => {
    const b = world.records.agencyB;
    const outsiders = [];
    for (const role of ['editor', 'reviewer1', 'reviewer2'] as const)
      outsiders.push({ role, ...(await world.signIn({ grants: [{ agencyId: b, role }] })) });
    const before = await databaseDigest(world.ctx);
    const problems: string[] = [];
    for (const c of cases)
      for (const { role, client, token } of outsiders)
        for (const body of invalidBodies) {
          const res = await post(client, token, c, body);
          if (res.statusCode !== 404) problems.push(`${label(c)} as agency B's ${role}: ${res.statusCode}`);
        }
    expect(problems).toEqual([]);
    expect(changedTables(before, await databaseDigest(world.ctx))).toEqual([]);
  });

  it('answers the same bodies with 400 to a caller who may take the step', async () => {
    // The control: the refusals above are authorisation, not the bodies. One step of each route (assign,
    // the harmless step of the seeded records), since a step without a form would be taken.
    const controls = cases.filter((c) => !c.route.endsWith('/:action') || c.url(world).endsWith('/assign'));
    expect(controls).toHaveLength(5);
    const problems: string[] = [];
    for (const c of controls)
      for (const body of invalidBodies) {
        const res = await post(world.clients[c.allowed], world.tokens[c.allowed], c, body);
        if (res.statusCode !== 400) problems.push(`${label(c)} as ${c.allowed}: ${res.statusCode}`);
      }
    expect(problems).toEqual([]);
  });

  it('refuses an upload to a caller who may not add evidence before reading it: 403, where reading gives 413', async () => {
    const evidence = cases.find((c) => c.route.endsWith('/evidence'));
    const send = (role: 'supervisor' | 'editor') => {
      const body = multipart([{ field: '_csrf', value: world.tokens[role] }, file('big.pdf', bigPdf)]);
      return world.clients[role].request({
        method: 'POST',
        url: evidence?.url(world) ?? '',
        headers: { 'content-type': body.contentType },
        payload: body.payload,
      });
    };
    expect((await send('supervisor')).statusCode).toBe(403);
    expect((await send('editor')).statusCode).toBe(413); // the control: this body, once read, is too large
  });
});
