import type { FastifyReply } from 'fastify';
import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';

/** A whole HTML document; preact escapes every interpolated value. */
export function renderPage(page: VNode): string {
  return `<!doctype html>${renderToString(page)}`;
}

/** Sends a server-rendered page: a tree to render, or a page rendered before (text or UTF-8 bytes). */
export function sendPage(reply: FastifyReply, page: VNode | string | Buffer, status = 200): FastifyReply {
  return reply
    .status(status)
    .header('content-type', 'text/html; charset=utf-8')
    .send(typeof page === 'string' || Buffer.isBuffer(page) ? page : renderPage(page));
}
