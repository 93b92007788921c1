import type { Kysely } from 'kysely';
import type { Attachment, DB } from '../../db/schema';
import { listAttachments } from './attachment.repository';
import { typeLabelOf } from './content-type';

// What the back-office panel and the portal list show of an attachment (views never see raw rows).

export interface AttachmentView {
  id: string;
  name: string;
  mediaType: string;
  typeLabel: string;
  size: number;
  sizeLabel: string;
  sha256: string;
  shortSha256: string;
  createdAt: string;
  href: string;
}

/** A size in KB below one megabyte, in MB above. */
export function formatSize(bytes: number): string {
  if (bytes < 1_048_576) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1_048_576).toFixed(1)} MB`;
}

/** One attachment as views show it. */
export function presentAttachment(row: Attachment): AttachmentView {
  return {
    id: row.id,
    name: row.original_name,
    mediaType: row.media_type,
    typeLabel: typeLabelOf(row.media_type),
    size: Number(row.size),
    sizeLabel: formatSize(Number(row.size)),
    sha256: row.sha256,
    shortSha256: row.sha256.slice(0, 12),
    createdAt: row.created_at,
    href: `/attachments/${row.id}`,
  };
}

/** The live attachments of an item, ready for the panel or the portal list. */
export async function attachmentsOf(db: Kysely<DB>, itemId: string): Promise<AttachmentView[]> {
  return (await listAttachments(db, itemId)).map(presentAttachment);
}
