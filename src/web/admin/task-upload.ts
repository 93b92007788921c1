import multipart, { type Multipart } from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Context } from '../../core/context';
import { AppError, isAppError } from '../../core/errors';

// Multipart forms of the key-task screens (list import, evidence, meeting minutes), the way the
// attachment upload does it (attachment.routes.tsx): the hidden `_csrf` field is the FIRST part, read in
// preValidation and checked by @fastify/csrf-protection before any file byte is read; the rest — a few
// fields and at most one file, bounded in size — is read in the handler into memory.

export interface UploadedForm {
  fields: Record<string, string>;
  file: { name: string; bytes: Buffer } | null;
}

const pending = new WeakMap<FastifyRequest, AsyncIterableIterator<Multipart>>();

function limitsOf(config: Context['config']) {
  return {
    fileSize: config.attachments.maxFileBytes,
    files: 1,
    fields: 12,
    fieldSize: 8192,
    parts: 14,
    headerPairs: 20,
  };
}

function multipartError(error: unknown, config: Context['config']): AppError {
  if (isAppError(error)) return error;
  const code = (error as { code?: string }).code;
  const mb = Math.round(config.attachments.maxFileBytes / 1_048_576);
  if (code === 'FST_REQ_FILE_TOO_LARGE')
    return new AppError('payload_too_large', `单个文件不超过 ${mb} MB`, { fields: { file: '文件过大' } });
  if (code === 'FST_FILES_LIMIT') return new AppError('payload_too_large', '一次只能上传一个文件');
  if (code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT')
    return new AppError('payload_too_large', '提交的表单项过多');
  return new AppError('bad_request', '上传的表单格式有误', { cause: error });
}

/** preValidation: reads the first part; only a `_csrf` field there counts as the token. */
export function csrfFirstPart(config: Context['config']) {
  return async (request: FastifyRequest) => {
    if (!request.isMultipart()) {
      request.body = {};
      return;
    }
    const parts = request.parts({ limits: limitsOf(config) });
    const first = await parts.next().catch((e: unknown) => Promise.reject(multipartError(e, config)));
    const part = first.done ? undefined : first.value;
    request.body = part?.type === 'field' && part.fieldname === '_csrf' ? { _csrf: String(part.value) } : {};
    pending.set(request, parts);
  };
}

/** The handler: the remaining fields and the one file (an empty file input counts as none). */
export async function readUploadedForm(
  request: FastifyRequest,
  config: Context['config'],
): Promise<UploadedForm> {
  const parts = pending.get(request);
  if (!parts) throw new AppError('unsupported_media_type', '请通过页面上的表单提交');
  const form: UploadedForm = { fields: {}, file: null };
  try {
    for await (const part of parts) {
      if (part.type === 'field') {
        form.fields[part.fieldname] = String(part.value);
        continue;
      }
      const bytes = await part.toBuffer();
      if (part.file.truncated) throw multipartError({ code: 'FST_REQ_FILE_TOO_LARGE' }, config);
      if (part.filename !== '' && !form.file) form.file = { name: part.filename, bytes };
    }
  } catch (error) {
    discardBody(request);
    throw multipartError(error, config);
  }
  return form;
}

// The rest of a refused body is discarded so the browser can finish sending and read the answer.
function discardBody(request: FastifyRequest): void {
  request.raw.unpipe();
  request.raw.resume();
}

/** Registers multipart parsing in a child scope and lets `routes` add the upload routes there. */
export function uploadScope(app: FastifyInstance, routes: (scope: FastifyInstance) => void): void {
  app.register(async (scope) => {
    await scope.register(multipart, { preservePath: true });
    scope.addHook('onError', async (request) => discardBody(request));
    routes(scope);
  });
}

/** A form state whose summary repeats the fields' own Chinese messages instead of field codes. */
export function readableState<T extends { message?: string; errors?: Record<string, string> }>(state: T): T {
  const fields = Object.values(state.errors ?? {});
  return fields.length ? { ...state, message: `请更正：${fields.join('；')}` } : state;
}

/** Upload refusals other than validation (type, size) shown on the form, as validation. */
export function asFormError(error: unknown): unknown {
  return isAppError(error) && ['unsupported_media_type', 'payload_too_large'].includes(error.code)
    ? new AppError('validation', error.message, { fields: error.fields ?? { file: error.message } })
    : error;
}

/** The HTTP status of a refusal re-rendered as a page. */
export const statusOf = (error: unknown): number => (isAppError(error) ? error.status : 400);
