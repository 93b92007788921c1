import { newId } from '../../src/core/ids';
import { sealText } from '../../src/core/secrets';
import {
  type AdminRole,
  assignRoles,
  type BusinessRole,
  createAgency,
  createUser,
} from '../../src/modules/accounts';
import { totpCodeAt } from '../../src/modules/accounts/totp';
import { systemActor } from '../../src/modules/audit';
import type { TestContext } from './test-context';

export const TEST_PASSWORD = 'Str0ng!Passphrase';
export const TEST_TOTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const actor = systemActor('test');

let counter = 0;
const unique = (prefix: string) => `${prefix}${++counter}${Math.random().toString(36).slice(2, 6)}`;

/** A department (or the district when asked). */
export async function makeAgency(
  ctx: TestContext,
  overrides: { kind?: 'district' | 'department'; name?: string } = {},
) {
  const code = unique('a');
  return createAgency(ctx, actor, {
    code,
    name: overrides.name ?? `测试机构${code}`,
    shortName: `测试${code}`,
    kind: overrides.kind ?? 'department',
  });
}

/** An account with a known final password and, unless told otherwise, an enrolled TOTP secret. */
export async function makeUser(
  ctx: TestContext,
  options: {
    adminRole?: AdminRole;
    grants?: { agencyId: string; role: BusinessRole }[];
    enrolled?: boolean;
  } = {},
) {
  const { user } = await createUser(
    ctx,
    actor,
    { username: unique('u'), displayName: '测试用户', adminRole: options.adminRole },
    { password: TEST_PASSWORD, passwordIsFinal: true },
  );
  if (options.grants?.length)
    await assignRoles(ctx, actor, user.id, { adminRole: null, grants: options.grants });
  if (options.enrolled !== false) {
    await ctx.db
      .updateTable('users')
      .set({ totp_secret: sealText(ctx.keys.secret, TEST_TOTP_SECRET) })
      .where('id', '=', user.id)
      .execute();
  }
  return user;
}

/** The TOTP code the test secret gives at the context's current time. */
export function currentCode(ctx: TestContext): string {
  return totpCodeAt(TEST_TOTP_SECRET, ctx.clock.now());
}

/** A column of an agency; returns its id. */
export async function makeColumn(
  ctx: TestContext,
  agencyId: string,
  slug: string,
  name: string,
  updateDays: number | null = 30,
) {
  const id = newId();
  await ctx.db
    .insertInto('columns')
    .values({
      id,
      agency_id: agencyId,
      slug,
      name,
      description: '',
      update_days: updateDays,
      sort: 0,
      created_at: ctx.clock.now().toISOString(),
    })
    .execute();
  return id;
}

/** A column and one item in it. */
export async function makeItem(
  ctx: TestContext,
  agencyId: string,
  options: {
    visibility?: 'public' | 'internal' | 'agency';
    status?: 'draft' | 'published';
    title?: string;
  } = {},
) {
  const now = ctx.clock.now().toISOString();
  const columnId = newId();
  await ctx.db
    .insertInto('columns')
    .values({
      id: columnId,
      agency_id: agencyId,
      slug: unique('c'),
      name: '工作动态',
      description: '',
      update_days: 14,
      sort: 0,
      created_at: now,
    })
    .execute();
  const status = options.status ?? 'published';
  const item = {
    id: newId(),
    agency_id: agencyId,
    column_id: columnId,
    title: options.title ?? `测试信息${unique('')}`,
    body_html: '<p>正文</p>',
    summary: '摘要',
    keywords: '测试',
    source: '测试机构',
    visibility: options.visibility ?? 'public',
    status,
    published_at: status === 'published' ? now : null,
    view_count: 0,
    created_by: null,
    created_at: now,
    updated_at: now,
  } as const;
  await ctx.db.insertInto('items').values(item).execute();
  return item;
}
