import { pipeline, type Readable } from 'node:stream';
import type { Context } from '../../core/context';
import { AppError } from '../../core/errors';
import type { Attachment, Item } from '../../db/schema';
import { type Principal, visibleAgencyIds } from '../accounts';
import { type Actor, recordAuditAlone } from '../audit';
import { anonymousScope, isVisible, visibilityScopeOf } from '../catalog';
import { findAttachment } from './attachment.repository';
import { hashStored, openStored, storageRoot, verifyingStream } from './storage';

// Who may download an attachment: whoever may read its item by THE visibility rule (catalog/visibility.ts),
// or staff who may open the item in the back office (getStaffItem: their agencies; the supervisor all) —
// so a draft's attachments reach its own agency and no one else. Everyone else gets the same 404.

type ItemScope = Pick<Item, 'status' | 'visibility' | 'agency_id'>;

/** Whether a viewer may download the attachments of an item. */
export function mayDownload(viewer: Principal | null, item: ItemScope): boolean {
  if (isVisible(visibilityScopeOf(viewer), item)) return true;
  if (!viewer?.mfaPassed || viewer.passwordExpired) return false;
  const agencies = visibleAgencyIds(viewer);
  return agencies === 'all' || agencies.includes(item.agency_id);
}

export interface Download {
  attachment: Attachment;
  /** Whether anyone may download it (no audit record, shared caches allowed to revalidate). */
  isPublic: boolean;
  body: Readable;
}

/** Opens an attachment for a viewer, or 404; downloads of anything not public are audited first. */
export async function openDownload(
  ctx: Context,
  viewer: Principal | null,
  actor: Actor,
  id: string,
): Promise<Download> {
  const found = await findAttachment(ctx.db, id);
  if (!found || !mayDownload(viewer, found.item)) throw new AppError('not_found', '附件不存在');
  const { item, ...attachment } = found;
  const isPublic = isVisible(anonymousScope, item);
  const handle = await openStored(storageRoot(ctx.config), attachment.stored_name);
  const stat = await handle.stat();
  if (stat.size !== Number(attachment.size)) {
    await handle.close();
    throw new Error(`attachment ${attachment.id}: size on disk ${stat.size} ≠ ${attachment.size}`);
  }
  if (!isPublic) {
    await recordAuditAlone(ctx, actor, {
      action: 'attachment.downloaded',
      objectType: 'attachment',
      objectId: attachment.id,
      agencyId: item.agency_id,
      details: { visibility: item.visibility, status: item.status },
    }).catch(async (error: unknown) => {
      await handle.close();
      throw error;
    });
  }
  const body = pipeline(handle.createReadStream(), verifyingStream(attachment.sha256), () => {});
  return { attachment, isPublic, body };
}

export interface Verification {
  ok: boolean;
  expected: string;
  actual: string | null;
}

/** Re-hashes a stored attachment and compares it with its row (等保 8.1.4.7 integrity at rest). */
export async function verifyAttachment(ctx: Context, id: string): Promise<Verification> {
  const row = await ctx.db.selectFrom('attachments').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('not_found', '附件不存在');
  const actual = await hashStored(storageRoot(ctx.config), row.stored_name).catch(() => null);
  return { ok: actual === row.sha256, expected: row.sha256, actual };
}
