import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { buildServer } from '../../src/web/http/server';
import type { Outcome, Role } from '../fixtures/route-access';
import { makeUser, TEST_PASSWORD } from './factories';
import { HttpClient } from './http-client';
import { type RouteRecords, seedRouteRecords } from './route-records';
import { buildRouteRequest } from './route-requests';
import { createTestContext, type DbKind, type TestContext } from './test-context';

// The world the authorisation table (test/fixtures/route-access.ts) is walked in, by
// test/authorisation-*.test.ts: the populated district of route-records.ts (agency A's records in every
// route parameter) and one signed-in client, with its CSRF token, per caller of the table.

export const LOGOUT = 'POST /admin/logout';

const isLoginPage = (location: unknown) => /^\/admin\/(login|2fa)(\/|\?|$)/.test(String(location ?? ''));

/** Why a response does not match the outcome the table states; null when it does. */
export function mismatch(outcome: Outcome, res: LightMyRequestResponse): string | null {
  const status = res.statusCode;
  const toLogin = status === 303 && isLoginPage(res.headers.location);
  if (status >= 500) return `${status} (server error)`;
  const ok: Record<Outcome, boolean> = {
    allow: ![401, 403, 404].includes(status) && !toLogin,
    deny: status === 403 || status === 404,
    login: toLogin,
    refused: status === 403 || status === 409, // never 400: the form is read after the role is checked
    unauthenticated: status === 401,
  };
  return ok[outcome] ? null : `${status}${res.headers.location ? ` → ${res.headers.location}` : ''}`;
}

type UserOptions = Parameters<typeof makeUser>[1];

export interface AuthorisationWorld {
  ctx: TestContext;
  app: FastifyInstance;
  records: RouteRecords;
  clients: Record<Role, HttpClient>;
  tokens: Record<Role, string>;
  /** The accounts behind the signed-in callers (anonymous has none). */
  userIds: Record<Role, string>;
  /** A client signed in as a new account with the grants or administrator role given. */
  signIn(
    options: UserOptions,
    passwordOnly?: boolean,
  ): Promise<{ user: Awaited<ReturnType<typeof makeUser>>; client: HttpClient; token: string }>;
  /** The route's harmless request (route-requests.ts) as the caller. */
  send(role: Role, key: string, fields?: Record<string, string>): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

const tokenOf = async (client: HttpClient) =>
  /name="_csrf" value="([^"]+)"/.exec((await client.get('/admin/login')).body)?.[1] ?? '';

/** Seeds the district, starts the app and signs in one client per caller of the table. */
export async function openAuthorisationWorld(kind: DbKind): Promise<AuthorisationWorld> {
  // Load shedding is off: a slow page on a busy 2-core runner must not turn into a 503 here.
  const ctx = await createTestContext(kind);
  let app: FastifyInstance | undefined;
  try {
    ctx.clock.set('2026-04-20T02:00:00.000Z');
    const records = await seedRouteRecords(ctx);
    app = await buildServer(ctx);
    return await signInCallers(ctx, app, records);
  } catch (error) {
    await app?.close();
    await ctx.close();
    throw error;
  }
}

/** One client per caller of the table, signed in as a new account of agency A, the district or 三权分立. */
async function signInCallers(
  ctx: TestContext,
  app: FastifyInstance,
  records: RouteRecords,
): Promise<AuthorisationWorld> {
  const clients = {} as Record<Role, HttpClient>;
  const tokens = {} as Record<Role, string>;
  const userIds = {} as Record<Role, string>;
  let ip = 10;

  const signIn: AuthorisationWorld['signIn'] = async (options, passwordOnly = false) => {
    const user = await makeUser(ctx, options);
    const client = new HttpClient(app, `10.7.0.${ip++}`);
    const res = passwordOnly
      ? await client.postForm('/admin/login', { username: user.username, password: TEST_PASSWORD })
      : await client.login(ctx, user.username);
    expect(res.statusCode, `sign-in of ${user.username}`).toBe(303);
    return { user, client, token: await tokenOf(client) };
  };

  const a = records.agencyA;
  const grants: Partial<Record<Role, UserOptions>> = {
    passwordOnly: { grants: [{ agencyId: a, role: 'editor' }] },
    editor: { grants: [{ agencyId: a, role: 'editor' }] },
    reviewer1: { grants: [{ agencyId: a, role: 'reviewer1' }] },
    reviewer2: { grants: [{ agencyId: a, role: 'reviewer2' }] },
    reviewer3: { grants: [{ agencyId: a, role: 'reviewer3' }] },
    supervisor: { grants: [{ agencyId: records.district, role: 'supervisor' }] },
    system: { adminRole: 'system' },
    security: { adminRole: 'security' },
    audit: { adminRole: 'audit' },
  };
  clients.anonymous = new HttpClient(app, '10.7.0.9');
  tokens.anonymous = await tokenOf(clients.anonymous);
  for (const [role, options] of Object.entries(grants) as [Role, UserOptions][]) {
    const signed = await signIn(options, role === 'passwordOnly');
    clients[role] = signed.client;
    tokens[role] = signed.token;
    userIds[role] = signed.user.id;
  }

  return {
    ctx,
    app,
    records,
    clients,
    tokens,
    userIds,
    signIn,
    send: (role, key, fields) => {
      const [method = '', url = ''] = key.split(' ');
      return clients[role].request(buildRouteRequest({ method, url }, records.ids, tokens[role], fields));
    },
    close: async () => {
      await app.close();
      await ctx.close();
    },
  };
}
