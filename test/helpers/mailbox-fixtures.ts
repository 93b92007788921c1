import { submitLetter } from '../../src/modules/mailbox';
import type { TestContext } from './test-context';

// A citizen's letter as the public form posts it, and a helper that sends one from a fresh address.

export const WRITER = { name: '张伟', phone: '13812345678', email: 'zhangwei@example.com' };

/** The fields of a valid letter; the content names the writer and a neighbour's phone number. */
export function letterFields(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    type: 'complain',
    subject: '小区旁工地夜间施工噪音扰民',
    content: `我是${WRITER.name}，住在示范区文化路18号2单元301室。旁边工地每晚十一点后仍在施工，工地负责人电话13700002222，请尽快处理。`,
    name: WRITER.name,
    phone: WRITER.phone,
    email: WRITER.email,
    consent: 'yes',
    ...overrides,
  };
}

let ip = 0;

/** Sends a valid letter from a fresh address; returns the receipt and the stored row. */
export async function writeLetter(
  ctx: TestContext,
  agencyId: string,
  overrides: Record<string, string> = {},
) {
  const receipt = await submitLetter(ctx, agencyId, letterFields(overrides), `10.8.0.${++ip % 250}`);
  const row = await ctx.db
    .selectFrom('mailbox_letters')
    .selectAll()
    .where('id', '=', receipt.id)
    .executeTakeFirstOrThrow();
  return { receipt, row };
}

/** The letter as stored now. */
export function letterRow(ctx: TestContext, id: string) {
  return ctx.db.selectFrom('mailbox_letters').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

/** The kinds of a letter's events, oldest first. */
export async function eventKinds(ctx: TestContext, id: string): Promise<string[]> {
  const rows = await ctx.db
    .selectFrom('mailbox_events')
    .select('kind')
    .where('letter_id', '=', id)
    .orderBy('at')
    .orderBy('id')
    .execute();
  return rows.map((r) => r.kind);
}
