import type { Item } from '../../src/db/schema';
import type { Principal } from '../../src/modules/accounts';
import type { Actor } from '../../src/modules/audit';
import { createDraft, reviewStep, submitForReview } from '../../src/modules/documents';
import { makeUser } from './factories';
import { loginSession } from './principals';
import type { TestContext } from './test-context';

export type Staff = Record<'editor' | 'reviewer1' | 'reviewer2' | 'reviewer3', Principal>;

/** The actor a principal acts as in service calls. */
export const actorOf = (p: Principal): Actor => ({
  userId: p.userId,
  name: p.username,
  role: 'test',
  ip: '127.0.0.1',
  requestId: 'r',
});

/** An editor and the three reviewers of one agency, signed in. */
export async function makeStaff(ctx: TestContext, agencyId: string): Promise<Staff> {
  const staff: Partial<Staff> = {};
  for (const role of ['editor', 'reviewer1', 'reviewer2', 'reviewer3'] as const) {
    staff[role] = await loginSession(ctx, await makeUser(ctx, { grants: [{ agencyId, role }] }));
  }
  return staff as Staff;
}

/** The item as stored now. */
export function reload(ctx: TestContext, id: string): Promise<Item> {
  return ctx.db.selectFrom('items').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

/** Drafts an item as the editor. */
export function draftAs(ctx: TestContext, staff: Staff, fields: Record<string, unknown>): Promise<Item> {
  return createDraft(ctx, staff.editor, actorOf(staff.editor), {
    visibility: 'public',
    disclosure: 'proactive',
    bodyHtml: '<p>正文内容</p>',
    ...fields,
  });
}

/** Submits an item and approves it at every level; returns the item as stored afterwards. */
export async function signOff(ctx: TestContext, staff: Staff, item: Item): Promise<Item> {
  await submitForReview(ctx, staff.editor, actorOf(staff.editor), item);
  for (const role of ['reviewer1', 'reviewer2', 'reviewer3'] as const) {
    await reviewStep(ctx, staff[role], actorOf(staff[role]), await reload(ctx, item.id), 'approve', {
      opinion: '同意',
      secrecyChecked: true,
    });
  }
  return reload(ctx, item.id);
}
