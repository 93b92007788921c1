import multipart, { type Multipart, type MultipartFile } from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Context } from '../../core/context';
import { AppError, isAppError } from '../../core/errors';
import { parseInput } from '../../core/validation';
import type { Item } from '../../db/schema';
import type { Principal } from '../../modules/accounts';
import {
  attachmentsOf,
  canManageAttachments,
  deleteAttachment,
  type IncomingFile,
  uploadAttachments,
} from '../../modules/attachments';
import { getStaffItem } from '../../modules/catalog';
import { sendPage } from '../http/render';
import { actorFor, adminShell, principalOf, staffGuard } from './guard';
import { AttachmentsPage, type AttachmentsPanelData } from './views/attachments-panel';

// Uploading and deleting attachments in the back office (security.md T7).
//
// CSRF for multipart: the form carries the usual hidden `_csrf` field as its FIRST part. The upload route
// authenticates in onRequest (before a byte of body is read), reads only that first part in preValidation
// and hands it to @fastify/csrf-protection unchanged in preHandler; files are streamed in the handler
// only after the token passed. No token in the URL (it would reach logs and Referer headers).
//
// Refusals render a page of their own with the real 4xx status, the reason and the panel to retry —
// rather than a redirect carrying the message in the query string, which anyone could forge.

type ItemParams = { Params: { id: string } };
type AttachmentParams = { Params: { id: string; attachmentId: string } };

const attachmentParams = z.object({
  id: z.string().min(1).max(64),
  attachmentId: z.uuid({ message: '附件编号无效' }),
});

// The rest of a multipart body after its `_csrf` field, from preValidation to the handler.
const pendingParts = new WeakMap<FastifyRequest, AsyncIterableIterator<Multipart>>();

// Anything the multipart parser throws is about the request body: a limit it hit or a malformed body.
function multipartError(error: unknown, config: Context['config']): AppError {
  if (isAppError(error)) return error;
  const code = (error as { code?: string }).code;
  if (code === 'FST_REQ_FILE_TOO_LARGE')
    return new AppError(
      'payload_too_large',
      `单个文件不超过 ${config.attachments.maxFileBytes / 1_048_576} MB`,
    );
  if (code === 'FST_FILES_LIMIT')
    return new AppError('payload_too_large', `一次最多上传 ${config.attachments.maxFiles} 个文件`);
  if (code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT')
    return new AppError('payload_too_large', '提交的表单项过多');
  return new AppError('bad_request', '上传的表单格式有误', { cause: error });
}

/** Reads the first multipart part; only a `_csrf` field there counts as a token. */
async function readCsrfField(request: FastifyRequest, config: Context['config']): Promise<void> {
  if (!request.isMultipart()) return; // a urlencoded body keeps its parsed _csrf; the handler refuses it
  const parts = request.parts({
    limits: {
      fileSize: config.attachments.maxFileBytes,
      files: config.attachments.maxFiles,
      fields: 2,
      fieldSize: 256,
      parts: config.attachments.maxFiles + 2,
      headerPairs: 20,
    },
  });
  const first = await parts.next().catch((error: unknown) => Promise.reject(multipartError(error, config)));
  const part = first.done ? undefined : first.value;
  if (part?.type === 'field' && part.fieldname === '_csrf') request.body = { _csrf: String(part.value) };
  else request.body = {};
  pendingParts.set(request, parts);
}

// The bytes of one file; a file cut off at the size limit is refused, never stored truncated.
async function* bytesOf(part: MultipartFile, config: Context['config']): AsyncGenerator<Buffer> {
  try {
    for await (const chunk of part.file) yield chunk as Buffer;
  } catch (error) {
    throw multipartError(error, config);
  }
  if (part.file.truncated) throw multipartError({ code: 'FST_REQ_FILE_TOO_LARGE' }, config);
}

async function* incomingFiles(
  parts: AsyncIterableIterator<Multipart>,
  config: Context['config'],
): AsyncGenerator<IncomingFile> {
  try {
    for await (const part of parts) {
      if (part.type !== 'file') continue; // stray fields: bounded by the limits, otherwise ignored
      if (part.filename === '') {
        part.file.resume(); // an empty file input
        continue;
      }
      yield { name: part.filename, content: bytesOf(part, config) };
    }
  } catch (error) {
    throw multipartError(error, config);
  }
}

/** The panel data of an item's back-office page (for item.routes.tsx to pass to AttachmentsPanel). */
export async function loadAttachmentsPanel(
  ctx: Context,
  principal: Principal,
  item: Item,
): Promise<AttachmentsPanelData> {
  return {
    itemId: item.id,
    attachments: await attachmentsOf(ctx.db, item.id),
    canManage: canManageAttachments(principal, item),
    limits: {
      maxFileMb: Math.round(ctx.config.attachments.maxFileBytes / 1_048_576),
      maxFiles: ctx.config.attachments.maxFiles,
    },
  };
}

/** Upload and delete routes; multipart parsing exists only in the upload route's own scope. */
export function registerAttachmentRoutes(app: FastifyInstance, ctx: Context): void {
  const business = staffGuard(ctx, 'business');

  const refusalPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    itemId: string,
    error: AppError,
  ) => {
    const p = principalOf(request);
    const item = await getStaffItem(ctx, p, itemId);
    const page = (
      <AttachmentsPage
        {...adminShell(ctx, request, reply)}
        item={item}
        message={error.message}
        panel={await loadAttachmentsPanel(ctx, p, item)}
      />
    );
    return sendPage(reply, page, error.status);
  };

  app.register(async (uploads) => {
    await uploads.register(multipart, { preservePath: true }); // raw names reach the name check unaltered
    uploads.post<ItemParams>(
      '/admin/items/:id/attachments',
      {
        onRequest: business,
        preValidation: (request) => readCsrfField(request, ctx.config),
        preHandler: uploads.csrfProtection,
      },
      async (request, reply) => {
        const p = principalOf(request);
        const item = await getStaffItem(ctx, p, request.params.id);
        const parts = pendingParts.get(request);
        if (!parts) throw new AppError('unsupported_media_type', '请通过上传表单提交文件');
        try {
          await uploadAttachments(ctx, p, actorFor(request), item, incomingFiles(parts, ctx.config));
          return reply.redirect(`/admin/items/${item.id}`, 303);
        } catch (error) {
          if (!isAppError(error) || error.status >= 500) throw error;
          // The rest of the body is discarded so the browser can finish sending and read the answer.
          request.raw.unpipe();
          request.raw.resume();
          return refusalPage(request, reply, item.id, error);
        }
      },
    );
  });

  app.post<AttachmentParams>(
    '/admin/items/:id/attachments/:attachmentId/delete',
    { preHandler: [app.csrfProtection, business] },
    async (request, reply) => {
      const params = parseInput(attachmentParams, request.params);
      const p = principalOf(request);
      const item = await getStaffItem(ctx, p, params.id);
      try {
        await deleteAttachment(ctx, p, actorFor(request), item, params.attachmentId);
        return reply.redirect(`/admin/items/${item.id}`, 303);
      } catch (error) {
        if (!isAppError(error) || !['conflict', 'forbidden'].includes(error.code)) throw error;
        return refusalPage(request, reply, item.id, error);
      }
    },
  );
}
