import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import QRCode from 'qrcode';
import type { Context } from '../../core/context';
import { AppError } from '../../core/errors';
import {
  changeOwnPassword,
  completeEnrolment,
  loginWithPassword,
  logout,
  needsEnrolment,
  pendingEnrolmentSecret,
  resolveSession,
  totpUri,
  verifySecondFactor,
} from '../../modules/accounts';
import { sendPage } from '../http/render';
import { clearSessionCookie, readSessionToken, setSessionCookie } from '../http/session-cookie';
import { actorFor, adminShell, anonymousActor, formBody, formStateFrom, staffGuard } from './guard';
import { EnrolPage, LoginPage, PasswordPage, RecoveryCodesPage, SecondFactorPage } from './views/auth-pages';

const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** Login (password then TOTP), enrolment, password change and logout. */
export function registerAuthRoutes(app: FastifyInstance, ctx: Context): void {
  const shell = (reply: FastifyReply, request: FastifyRequest) => adminShell(ctx, request, reply);
  const enrolView = async (secret: string, username: string) => {
    const uri = totpUri(secret, username, ctx.config.site.name);
    return { secret, uri, qrSvg: await QRCode.toString(uri, { type: 'svg', margin: 1 }) };
  };
  const loginLimit = { rateLimit: { max: 30, timeWindow: 60_000 } };

  async function passwordOnly(request: FastifyRequest) {
    const p = await resolveSession(ctx, readSessionToken(request, ctx.config));
    if (!p) throw new AppError('unauthenticated', '登录已失效，请重新登录');
    request.principal = p;
    return p;
  }

  app.get<{ Querystring: { changed?: string } }>('/admin/login', async (request, reply) => {
    const notice = request.query.changed === '1' ? '密码已修改，请用新密码重新登录。' : undefined;
    return sendPage(reply, <LoginPage {...shell(reply, request)} notice={notice} />);
  });

  app.post('/admin/login', { preHandler: app.csrfProtection, config: loginLimit }, async (request, reply) => {
    const body = formBody(request);
    try {
      const result = await loginWithPassword(
        ctx,
        anonymousActor(request),
        str(body.username),
        str(body.password),
      );
      setSessionCookie(request, reply, ctx.config, result.session.token);
      return reply.redirect(result.next === 'enroll' ? '/admin/2fa/enroll' : '/admin/2fa', 303);
    } catch (error) {
      if (error instanceof AppError && error.code === 'forbidden') {
        return sendPage(
          reply,
          <LoginPage
            {...shell(reply, request)}
            state={{ message: error.message, values: { username: str(body.username) } }}
          />,
          403,
        );
      }
      const state = formStateFrom(error, { username: body.username });
      return sendPage(reply, <LoginPage {...shell(reply, request)} state={state} />, 401);
    }
  });

  app.get('/admin/2fa', async (request, reply) => {
    const p = await resolveSession(ctx, readSessionToken(request, ctx.config));
    if (!p) return reply.redirect('/admin/login', 303);
    if (p.mfaPassed) return reply.redirect('/admin', 303);
    if (await needsEnrolment(ctx, p.sessionId)) return reply.redirect('/admin/2fa/enroll', 303);
    request.principal = p;
    return sendPage(reply, <SecondFactorPage {...shell(reply, request)} />);
  });

  app.post('/admin/2fa', { preHandler: app.csrfProtection, config: loginLimit }, async (request, reply) => {
    const p = await passwordOnly(request);
    try {
      const session = await verifySecondFactor(
        ctx,
        actorFor(request),
        p.userId,
        p.sessionId,
        str(formBody(request).code),
      );
      setSessionCookie(request, reply, ctx.config, session.token);
      return reply.redirect('/admin', 303);
    } catch (error) {
      return sendPage(
        reply,
        <SecondFactorPage {...shell(reply, request)} state={formStateFrom(error, {})} />,
        400,
      );
    }
  });

  app.get('/admin/2fa/enroll', async (request, reply) => {
    const p = await resolveSession(ctx, readSessionToken(request, ctx.config));
    if (!p) return reply.redirect('/admin/login', 303);
    if (!(await needsEnrolment(ctx, p.sessionId))) return reply.redirect('/admin/2fa', 303);
    request.principal = p;
    const secret = await pendingEnrolmentSecret(ctx, p.sessionId);
    reply.header('cache-control', 'no-store');
    return sendPage(
      reply,
      <EnrolPage {...shell(reply, request)} {...(await enrolView(secret, p.username))} />,
    );
  });

  app.post(
    '/admin/2fa/enroll',
    { preHandler: app.csrfProtection, config: loginLimit },
    async (request, reply) => {
      const p = await passwordOnly(request);
      const code = str(formBody(request).code);
      try {
        const { session, recoveryCodes } = await completeEnrolment(
          ctx,
          actorFor(request),
          p.userId,
          p.sessionId,
          code,
        );
        setSessionCookie(request, reply, ctx.config, session.token);
        reply.header('cache-control', 'no-store');
        request.principal = await resolveSession(ctx, session.token);
        return sendPage(reply, <RecoveryCodesPage {...shell(reply, request)} codes={recoveryCodes} />);
      } catch (error) {
        const secret = await pendingEnrolmentSecret(ctx, p.sessionId);
        const state = formStateFrom(error, {});
        return sendPage(
          reply,
          <EnrolPage {...shell(reply, request)} {...(await enrolView(secret, p.username))} state={state} />,
          400,
        );
      }
    },
  );

  const guard = staffGuard(ctx, 'any');
  app.get('/admin/password', { preHandler: guard }, async (request, reply) =>
    sendPage(reply, <PasswordPage {...shell(reply, request)} />),
  );

  app.post('/admin/password', { preHandler: [app.csrfProtection, guard] }, async (request, reply) => {
    const p = request.principal;
    if (!p) throw new AppError('unauthenticated', '请先登录');
    try {
      await changeOwnPassword(ctx, actorFor(request), p.userId, formBody(request));
      clearSessionCookie(request, reply, ctx.config);
      return reply.redirect('/admin/login?changed=1', 303);
    } catch (error) {
      return sendPage(
        reply,
        <PasswordPage {...shell(reply, request)} state={formStateFrom(error, {})} />,
        400,
      );
    }
  });

  app.post('/admin/logout', { preHandler: app.csrfProtection }, async (request, reply) => {
    const p = await resolveSession(ctx, readSessionToken(request, ctx.config));
    if (p) {
      request.principal = p;
      await logout(ctx, actorFor(request), p.sessionId);
    }
    clearSessionCookie(request, reply, ctx.config);
    return reply.redirect('/admin/login', 303);
  });
}
