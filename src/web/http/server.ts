import { randomUUID } from 'node:crypto';
import path from 'node:path';
import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import formbody from '@fastify/formbody';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { Context } from '../../core/context';
import { AppError } from '../../core/errors';
import { findProjectRoot } from '../../core/project-root';
import { hmacHex } from '../../core/secrets';
import { saveViewCounts } from '../../modules/catalog';
import { registerAdminRoutes } from '../admin/admin.routes';
import { registerApiRoutes } from '../api/v1/api.routes';
import { registerApplicationRoutes } from '../portal/application.routes';
import { registerAttachmentDownloadRoutes } from '../portal/attachment.routes';
import { registerFeedRoutes } from '../portal/feeds.routes';
import { registerMailboxRoutes } from '../portal/mailbox.routes';
import { registerPortalRoutes } from '../portal/portal.routes';
import { registerSearchRoutes } from '../portal/search.routes';
import { registerAdminNetwork } from './admin-network';
import { maxInFlightFor, registerAdmissionGate } from './admission-gate';
import { installErrorHandlers, refuseUnparsedRequest, sendError, sendFrameworkError } from './errors';
import { parseFormStrict } from './form-parser';
import { type LoadSheddingSources, registerLoadShedding } from './load-shedding';
import { registerTurnLine } from './loop-turns';
import { registerSecurityHeaders } from './security-headers';

declare module 'fastify' {
  interface FastifyInstance {
    /** Every registered route (method and URL): for the route inventory tests. */
    routeTable: { method: string; url: string }[];
  }
}

const publicDir = path.join(findProjectRoot(), 'public');

/**
 * Builds the one HTTP server for portal, back office and API, with the hardening of security.md T14.
 * `options.loadShedding` replaces the event-loop reading and the lots of the load shedding (tests).
 */
export async function buildServer(
  ctx: Context,
  logger: FastifyServerOptions['logger'] = false,
  options: { loadShedding?: LoadSheddingSources } = {},
): Promise<FastifyInstance> {
  const app = Fastify({
    logger,
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    trustProxy: ctx.config.trustProxy ?? false,
    bodyLimit: 1_048_576,
    requestTimeout: 60_000,
    connectionTimeout: 60_000,
    return503OnClosing: true,
    frameworkErrors: sendFrameworkError,
    clientErrorHandler: refuseUnparsedRequest,
    // Slowloris (security.md T6: headersTimeout ≤ 20 s): a connection still sending its headers after
    // 20 s is answered 408 and closed; connections are checked every 2 s, not Node's default 30 s.
    http: { headersTimeout: 20_000, connectionsCheckingInterval: 2_000 },
  });
  const routeTable: { method: string; url: string }[] = [];
  app.decorate('routeTable', routeTable);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routeTable.push({ method, url: route.url });
  });
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
    if (request.protocol === 'https')
      reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
  });

  await registerSecurityHeaders(app, {
    hsts: false, // sent only over https, above
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
  });
  await app.register(cookie, { secret: hmacHex(ctx.keys.secret, 'cookie-signing') });
  // Forms only (T6): url-encoded bodies are decoded strictly, and no route takes JSON or plain text, so
  // those types get 415 instead of reaching a form handler (multipart is parsed by the upload routes).
  app.removeContentTypeParser(['application/json', 'text/plain']);
  await app.register(formbody, { bodyLimit: 262_144, parser: parseFormStrict });
  await app.register(csrf, {
    sessionPlugin: '@fastify/cookie',
    cookieKey: 'gk_csrf',
    cookieOpts: {
      signed: true,
      httpOnly: true,
      sameSite: 'strict',
      path: '/',
      secure: ctx.config.production,
    },
  });
  await app.register(rateLimit, { global: false });
  // The back office only from the configured networks (等保 8.1.4.4; admin-network.ts).
  if (ctx.config.adminCidrs) registerAdminNetwork(app, ctx.config.adminCidrs);
  // Load shedding (issue 8, security.md T1 "4× overload"): when the event loop lags, or requests stand in
  // a queue (PostgreSQL's pool), past the limit, a growing share of the reads — search first — is answered
  // at once with 503 and Retry-After instead of queueing until it times out; form posts, /healthz and
  // static files are never shed (load-shedding.ts). Reads in flight past a cap (from the database pool)
  // wait up to 1 s for a place, then get the same 503: a bound on the wait for a connection
  // (admission-gate.ts).
  if (ctx.config.shedEventLoopDelayMs > 0) {
    const maxInFlight = maxInFlightFor(ctx.config);
    if (maxInFlight > 0) registerAdmissionGate(app, maxInFlight);
    registerLoadShedding(app, ctx.config.shedEventLoopDelayMs, options.loadShedding);
  }
  // No turn of the event loop runs much more than 10 ms of requests; the rest wait for the next turns
  // (security.md T1 event-loop delay; loop-turns.ts).
  registerTurnLine(app);
  await app.register(fastifyStatic, { root: publicDir, prefix: '/static/', list: false, maxAge: '1h' });

  // A state-changing request from a foreign page is refused even before the CSRF token is read (T14).
  app.addHook('onRequest', async (request, reply) => {
    if (request.method === 'GET' || request.method === 'HEAD') return;
    const origin = request.headers.origin;
    if (origin && origin !== 'null') {
      let host: string | undefined;
      try {
        host = new URL(origin).host;
      } catch {
        host = undefined;
      }
      if (host !== request.host) return sendError(request, reply, new AppError('forbidden', '来源无效'));
    }
  });

  installErrorHandlers(app);
  // 浏览次数 counted in memory are written every second and when the server closes (view-counter.ts).
  const viewSaver = setInterval(() => {
    saveViewCounts(ctx).catch((err) => app.log.error({ err }, 'saving view counts failed'));
  }, 1000);
  viewSaver.unref();
  app.addHook('onClose', async () => {
    clearInterval(viewSaver);
    await saveViewCounts(ctx);
  });
  app.get('/favicon.ico', (_request, reply) => reply.redirect('/static/favicon.svg', 301));
  app.get('/healthz', async () => {
    await ctx.db.selectFrom('agencies').select('id').limit(1).execute();
    return { ok: true };
  });
  registerPortalRoutes(app, ctx);
  registerApplicationRoutes(app, ctx);
  registerMailboxRoutes(app, ctx);
  registerAttachmentDownloadRoutes(app, ctx);
  registerFeedRoutes(app, ctx);
  registerSearchRoutes(app, ctx);
  await app.register((admin, _opts, done) => {
    registerAdminRoutes(admin, ctx);
    done();
  });
  await app.register(
    (api, _opts, done) => {
      registerApiRoutes(api, ctx);
      done();
    },
    { prefix: '/api/v1' },
  );
  return app;
}
