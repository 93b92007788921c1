import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../config/config';

// The session cookie (security.md T9): HttpOnly, SameSite=Lax, Path=/, and Secure with the __Host- prefix
// except on plain-http localhost (the demo on a laptop). Anywhere else plain http gets a Secure cookie the
// browser will not send back: the back office only works over https (等保 8.1.4.1 c).

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

function isSecure(request: FastifyRequest, config: Config): boolean {
  if (config.production || request.protocol === 'https') return true;
  return !LOCAL_HOSTS.has(request.hostname);
}

function cookieName(secure: boolean): string {
  return secure ? '__Host-gk_sid' : 'gk_sid';
}

/** The session token the browser sent, if any. */
export function readSessionToken(request: FastifyRequest, config: Config): string | undefined {
  return request.cookies[cookieName(isSecure(request, config))];
}

/** Sets the session cookie (a session cookie: it dies with the browser; the server enforces the limits). */
export function setSessionCookie(
  request: FastifyRequest,
  reply: FastifyReply,
  config: Config,
  token: string,
): void {
  const secure = isSecure(request, config);
  reply.setCookie(cookieName(secure), token, { httpOnly: true, secure, sameSite: 'lax', path: '/' });
}

/** Removes the session cookie. */
export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply, config: Config): void {
  const secure = isSecure(request, config);
  reply.clearCookie(cookieName(secure), { httpOnly: true, secure, sameSite: 'lax', path: '/' });
}
