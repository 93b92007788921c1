import { type BlockList, isIP } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { parseCidrList } from '../../core/cidr';
import { AppError } from '../../core/errors';
import { sendError } from './errors';

// 限制管理终端的网络地址范围 (等保 8.1.4.4 a–c; security.md T18): the back office answers only clients
// inside GONGKAI_ADMIN_CIDRS. The client is request.ip, which honours X-Forwarded-For only from
// GONGKAI_TRUST_PROXY. Unset, every address may reach the sign-in page (development, the demo), and
// `gongkai check-deploy` fails a production configuration for it.

function isBackOffice(url: string): boolean {
  const path = url.split('?', 1)[0] ?? url;
  return path === '/admin' || path.startsWith('/admin/');
}

function allows(list: BlockList, ip: string): boolean {
  const family = isIP(ip);
  if (family === 0) return false;
  if (family === 4) return list.check(ip, 'ipv4');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip)?.[1]; // IPv4 clients of a dual-stack socket
  return list.check(ip, 'ipv6') || (mapped !== undefined && list.check(mapped, 'ipv4'));
}

/** Refuses the back office (403) to clients outside the list; the portal is not affected. */
export function registerAdminNetwork(app: FastifyInstance, cidrs: string): void {
  const list = parseCidrList(cidrs);
  app.addHook('onRequest', async (request, reply) => {
    if (!isBackOffice(request.url) || allows(list, request.ip)) return;
    request.log.warn({ ip: request.ip, url: request.url }, 'back office refused outside GONGKAI_ADMIN_CIDRS');
    return sendError(request, reply, new AppError('forbidden', '后台管理只允许从指定的网络地址访问'));
  });
}
