import type { Context } from '../../core/context';
import { listAttachments } from './attachment.repository';
import { readStored, storageRoot } from './storage';

// The current attachments of an item, each with a reader for its bytes, for the checks that read their
// text (the pre-publication gate, the site inspection).

export interface AttachmentFile {
  id: string;
  name: string;
  read: () => Promise<Buffer>; // rejects when the file is missing: the caller reports it, per file
}

/** Every current attachment of an item. */
export async function attachmentFilesOf(
  ctx: Pick<Context, 'db' | 'config'>,
  itemId: string,
): Promise<AttachmentFile[]> {
  const root = storageRoot(ctx.config);
  const rows = await listAttachments(ctx.db, itemId);
  return rows.map((a) => ({ id: a.id, name: a.original_name, read: () => readStored(root, a.stored_name) }));
}
