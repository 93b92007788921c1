import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Context } from '../../core/context';
import { AppError, isAppError } from '../../core/errors';
import { type AdminRole, actorOf, type Principal, resolveSession } from '../../modules/accounts';
import type { Actor } from '../../modules/audit';
import { readSessionToken } from '../http/session-cookie';
import type { FormState } from './views/form';
import type { AdminShell } from './views/layout';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
}

export type Access = AdminRole | 'business' | 'any';

/** Loads the session; no back-office page works without a password AND a passed second factor (T10). */
export function staffGuard(ctx: Context, access: Access) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const principal = await resolveSession(ctx, readSessionToken(request, ctx.config));
    request.principal = principal;
    if (!principal) return reply.redirect('/admin/login', 303);
    if (!principal.mfaPassed) return reply.redirect('/admin/2fa', 303);
    if (principal.passwordExpired && request.url !== '/admin/password')
      return reply.redirect('/admin/password', 303);
    if (!allows(principal, access)) throw new AppError('forbidden', '您的角色无权访问此页面');
  };
}

/** Whether a principal holds the access a screen needs; each administrator only their own screens. */
export function allows(p: Principal, access: Access): boolean {
  if (access === 'any') return true;
  if (access === 'business') return p.adminRole === null && p.grants.length > 0;
  return p.adminRole === access;
}

/** What every back-office page needs: who is signed in, a CSRF token, the site name, the current path. */
export function adminShell(ctx: Context, request: FastifyRequest, reply: FastifyReply): AdminShell {
  return {
    principal: request.principal ?? null,
    csrf: reply.generateCsrf(),
    siteName: ctx.config.site.name,
    path: request.url,
  };
}

/** The signed-in principal of a guarded route. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new AppError('unauthenticated', '请先登录');
  return request.principal;
}

/** The audit actor of a guarded request. */
export function actorFor(request: FastifyRequest): Actor {
  return actorOf(principalOf(request), request.ip, request.id);
}

/** The audit actor of a request with no signed-in principal (login). */
export function anonymousActor(request: FastifyRequest): Actor {
  return { userId: null, name: null, role: null, ip: request.ip, requestId: request.id };
}

/** Converts a validation AppError into form state for re-rendering; rethrows anything else. */
export function formStateFrom(error: unknown, values: Record<string, unknown>): FormState {
  if (!isAppError(error) || !['validation', 'unauthenticated', 'conflict'].includes(error.code)) throw error;
  const kept: Record<string, string> = {};
  for (const [k, v] of Object.entries(values)) if (typeof v === 'string' && k !== '_csrf') kept[k] = v;
  // A step the record's state no longer allows (an L3 approval of an item pending at L1, the second of
  // two simultaneous approvals) is a conflict, 409 (security.md T11); wrong input is 400.
  return {
    values: kept,
    errors: error.fields ?? {},
    message: error.message,
    status: error.code === 'conflict' ? 409 : 400,
  };
}

/** The body of a form post as a plain object (never the prototype-bearing parsed value). */
export function formBody(request: FastifyRequest): Record<string, unknown> {
  const body = request.body;
  if (!body || typeof body !== 'object' || Array.isArray(body)) return {};
  return Object.fromEntries(Object.entries(body as Record<string, unknown>));
}
