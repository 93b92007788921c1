import type { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import { contentDisposition } from '../../modules/attachments';

export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/**
 * Sends a file as a download with the safe headers of security.md T7: attachment disposition with an
 * RFC 5987 name, no sniffing, a sandbox CSP in case a browser renders it anyway, and no shared caching
 * unless the file is public.
 */
export function sendDownload(
  reply: FastifyReply,
  file: { fileName: string; type: string; body: Buffer | Readable; size?: number },
  cache: 'public' | 'private' = 'private',
): FastifyReply {
  const length = file.size ?? (Buffer.isBuffer(file.body) ? file.body.length : undefined);
  if (length !== undefined) reply.header('content-length', String(length));
  return reply
    .header('content-type', file.type)
    .header('content-disposition', contentDisposition(file.fileName))
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', 'sandbox')
    .header('cache-control', cache === 'public' ? 'no-cache' : 'private, no-store')
    .send(file.body);
}
