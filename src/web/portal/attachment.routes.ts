import type { FastifyInstance } from 'fastify';
import type { Context } from '../../core/context';
import { AppError } from '../../core/errors';
import { actorOf, resolveSession } from '../../modules/accounts';
import { openDownload, storedMediaTypes } from '../../modules/attachments';
import { sendDownload } from '../http/download';
import { readSessionToken } from '../http/session-cookie';

// Attachment downloads (security.md T7; ASVS 5.4.1/5.4.2, 3.4.4): always a download, never rendered by the
// browser — fixed Content-Disposition with an RFC 5987 UTF-8 name, nosniff, and a sandboxing CSP in case
// anything still opens it inline. Who may download is decided by THE visibility rule (modules/attachments).

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** GET /attachments/:id for citizens and staff alike. */
export function registerAttachmentDownloadRoutes(app: FastifyInstance, ctx: Context): void {
  app.get<{ Params: { id: string } }>('/attachments/:id', async (request, reply) => {
    // Any malformed id gets the same answer as a missing or hidden attachment.
    if (!UUID.test(request.params.id)) throw new AppError('not_found', '附件不存在');
    const token = readSessionToken(request, ctx.config);
    const viewer = token ? await resolveSession(ctx, token) : null;
    const actor = viewer
      ? actorOf(viewer, request.ip, request.id)
      : { userId: null, name: null, role: null, ip: request.ip, requestId: request.id };
    const { attachment, isPublic, body } = await openDownload(ctx, viewer, actor, request.params.id);
    // Only an allowlisted type is ever sent, even if a row were altered behind the application's back.
    const type = storedMediaTypes.has(attachment.media_type)
      ? attachment.media_type
      : 'application/octet-stream';
    return sendDownload(
      reply,
      { fileName: attachment.original_name, type, body, size: attachment.size },
      isPublic ? 'public' : 'private',
    );
  });
}
