import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type ErrorCode, isAppError } from '../../core/errors';
import { isDatabaseUnavailable } from '../../db/client';
import { ErrorPage } from '../portal/views/error-page';
import { sendPage } from './render';

// One mapping from errors to responses (architecture.md "One error type"): JSON for the API, a page for
// people; never a stack trace, SQL or path in the body. Unexpected errors are logged with the request id.

const fastifyCodes: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'bad_request',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'bad_request',
  FST_ERR_CTP_INVALID_JSON_BODY: 'bad_request',
  FST_ERR_VALIDATION: 'validation',
  FST_CSRF_INVALID_TOKEN: 'forbidden',
  FST_CSRF_MISSING_SECRET: 'forbidden',
};

const publicMessages: Partial<Record<ErrorCode, string>> = {
  payload_too_large: '提交的内容过大',
  unsupported_media_type: '不支持的提交格式',
  bad_request: '请求格式有误',
  forbidden: '页面已过期或来源无效，请刷新页面后重试',
  rate_limited: '操作过于频繁，请稍后再试',
};

/** Turns anything thrown into an AppError, or null for an unexpected error (a generic 500). */
export function toAppError(error: unknown): AppError | null {
  if (isAppError(error)) return error;
  const e = error as FastifyError;
  if (e?.statusCode === 429) return new AppError('rate_limited', publicMessages.rate_limited ?? '');
  // PostgreSQL refuses text it cannot store (a NUL byte in a path or query value): bad input, not a fault.
  if (e?.code === '22021' || e?.code === '22P05') return new AppError('bad_request', '请求中含有无效字符');
  const code = e?.code ? fastifyCodes[e.code] : undefined;
  if (code) return new AppError(code, publicMessages[code] ?? e.message);
  if (e?.statusCode && e.statusCode >= 400 && e.statusCode < 500)
    return new AppError('bad_request', '请求格式有误');
  return null;
}

function wantsJson(request: FastifyRequest): boolean {
  return request.url.startsWith('/api/');
}

/** Sends an AppError as JSON or as a page. */
export function sendError(request: FastifyRequest, reply: FastifyReply, error: AppError): FastifyReply {
  if (error.retryAfterSeconds) reply.header('retry-after', String(error.retryAfterSeconds));
  if (wantsJson(request)) {
    return reply
      .status(error.status)
      .send({ error: { code: error.code, message: error.message, fields: error.fields } });
  }
  return sendPage(reply, <ErrorPage status={error.status} message={error.message} />, error.status);
}

// A refusal before routing skips the onRequest hooks that set the security headers: it gets its own.
const frameworkErrorHeaders = {
  'content-security-policy':
    "default-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'strict-origin-when-cross-origin',
};

/**
 * Fastify's own refusals before routing (a path that is not valid percent-encoded UTF-8, a parameter
 * over the length limit): the app's 400 page or JSON with the security headers (T6, T14), not
 * Fastify's default JSON that echoes the URL (`frameworkErrors` option).
 */
export function sendFrameworkError(_error: unknown, request: FastifyRequest, reply: FastifyReply): void {
  reply.headers(frameworkErrorHeaders);
  sendError(request, reply, new AppError('bad_request', publicMessages.bad_request ?? ''));
}

/** Node's refusals of a request it could not parse, by the parser's error code. */
const unparsedRefusals: Record<string, [status: string, message: string]> = {
  ERR_HTTP_REQUEST_TIMEOUT: ['408 Request Timeout', '请求发送超时'],
  HPE_HEADER_OVERFLOW: ['431 Request Header Fields Too Large', '请求头过大'],
};

/**
 * A request Node could not parse (a head over 16 KB, a slow head, bad framing) is answered and its
 * connection closed (Fastify's `clientErrorHandler` option). Fastify's default answer omits
 * `Connection: close`, so a keep-alive client took the connection for reusable and sent its next request
 * into the closing socket: that request failed with no answer (the fuzz storm's UND_ERR_SOCKET after a
 * 431). Node's own default says `Connection: close`; so does this, with the API's JSON error shape.
 */
export function refuseUnparsedRequest(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, message] = unparsedRefusals[error.code ?? ''] ?? ['400 Bad Request', '请求格式有误'];
  const body = JSON.stringify({ error: { code: 'bad_request', message } });
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
  }
  socket.destroy();
}

/** Installs the error and not-found handlers. */
export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => {
    if (isDatabaseUnavailable(error)) {
      // PostgreSQL down or restarting (issue 8): a clean 503 the client may retry; the pool reconnects.
      request.log.warn({ err: error }, 'database unavailable');
      const busy = new AppError('unavailable', '系统暂时无法处理请求，请稍后再试', { retryAfterSeconds: 5 });
      return sendError(request, reply, busy);
    }
    const known = toAppError(error);
    if (known) return sendError(request, reply, known);
    request.log.error({ err: error }, 'unhandled error');
    const message = '服务内部错误，请稍后再试';
    if (wantsJson(request)) return reply.status(500).send({ error: { code: 'internal', message } });
    return sendPage(reply, <ErrorPage status={500} message={message} />, 500);
  });
  app.setNotFoundHandler((request, reply) =>
    sendError(request, reply, new AppError('not_found', '您访问的页面不存在')),
  );
}
