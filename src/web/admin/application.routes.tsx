import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { chinaDay } from '../../core/clock';
import type { Context } from '../../core/context';
import { AppError } from '../../core/errors';
import { listAgencies } from '../../modules/accounts';
import {
  assignCase,
  caseQueue,
  caseView,
  decideCase,
  deliverCase,
  dismissHeld,
  endConsultation,
  extendCase,
  handlingAgencies,
  lapseCorrection,
  lapseFee,
  letterDocx,
  noticeFee,
  onTimeRates,
  payFee,
  receiveCorrection,
  recordAppeal,
  registerApplication,
  releaseHeld,
  requestCorrection,
  startConsultation,
  type UnmaskedApplicant,
  unmaskApplicant,
} from '../../modules/applications';
import { DOCX_TYPE, sendDownload } from '../http/download';
import { sendPage } from '../http/render';
import { actorFor, adminShell, formBody, formStateFrom, principalOf, staffGuard } from './guard';
import { registerStepRoute, type Step } from './step-route';
import { CasePage } from './views/application-case-page';
import { QueuePage, RegisterPage } from './views/application-pages';
import { type FormState, formStatus } from './views/form';

type IdParams = { Params: { id: string } };

// Each case action by its URL segment; the service decides whether it is allowed.
const steps: Record<string, Step> = {
  release: (ctx, p, a, id) => releaseHeld(ctx, p, a, id),
  dismiss: (ctx, p, a, id, b) => dismissHeld(ctx, p, a, id, b),
  'request-correction': (ctx, p, a, id, b) => requestCorrection(ctx, p, a, id, b),
  'receive-correction': (ctx, p, a, id, b) => receiveCorrection(ctx, p, a, id, b),
  'lapse-correction': (ctx, p, a, id) => lapseCorrection(ctx, p, a, id),
  assign: (ctx, p, a, id, b) => assignCase(ctx, p, a, id, b),
  'start-consultation': (ctx, p, a, id, b) => startConsultation(ctx, p, a, id, b),
  'end-consultation': (ctx, p, a, id, b) => endConsultation(ctx, p, a, id, b),
  extend: (ctx, p, a, id, b) => extendCase(ctx, p, a, id, b),
  'notice-fee': (ctx, p, a, id, b) => noticeFee(ctx, p, a, id, b),
  'pay-fee': (ctx, p, a, id, b) => payFee(ctx, p, a, id, b),
  'lapse-fee': (ctx, p, a, id) => lapseFee(ctx, p, a, id),
  decide: (ctx, p, a, id, b) => decideCase(ctx, p, a, id, b),
  deliver: (ctx, p, a, id, b) => deliverCase(ctx, p, a, id, b),
  appeal: (ctx, p, a, id, b) =>
    recordAppeal(ctx, p, a, id, b, typeof b.appealId === 'string' && b.appealId ? b.appealId : undefined),
};

/** The 依申请公开 screens of the back office: queue, registration, the case page and its steps. */
export function registerApplicationRoutes(app: FastifyInstance, ctx: Context): void {
  const business = staffGuard(ctx, 'business');
  const post = { preHandler: [app.csrfProtection, business] };

  app.get('/admin/applications', { preHandler: business }, async (request, reply) => {
    const p = principalOf(request);
    // A repeated or bracketed parameter arrives as an array or object: only plain strings count (T6).
    const query: Record<string, string | undefined> = Object.fromEntries(
      Object.entries(request.query as object).filter(([, v]) => typeof v === 'string'),
    );
    const rows = await caseQueue(ctx, p, {
      status: query.status || undefined,
      agencyId: query.agency || undefined,
    });
    const agencies = await listAgencies(ctx, { enabledOnly: true });
    const rates = p.grants.some((g) => g.role === 'supervisor') ? await onTimeRates(ctx) : null;
    return sendPage(
      reply,
      <QueuePage
        {...adminShell(ctx, request, reply)}
        rows={rows}
        agencies={agencies}
        filter={{ status: query.status ?? '', agency: query.agency ?? '' }}
        canRegister={handlingAgencies(p).length > 0}
        rates={rates}
      />,
    );
  });

  const registerPage = async (request: FastifyRequest, reply: FastifyReply, state?: FormState) => {
    const p = principalOf(request);
    const own = handlingAgencies(p);
    if (own.length === 0) throw new AppError('forbidden', '只有信息员或公开办人员可以登记申请');
    const agencies = (await listAgencies(ctx, { enabledOnly: true })).filter((a) => own.includes(a.id));
    return sendPage(
      reply,
      <RegisterPage
        {...adminShell(ctx, request, reply)}
        agencies={agencies}
        state={state ?? { values: { agencyId: own[0] } }}
      />,
      formStatus(state),
    );
  };
  app.get('/admin/applications/new', { preHandler: business }, (request, reply) =>
    registerPage(request, reply),
  );
  app.post('/admin/applications', post, async (request, reply) => {
    const body = formBody(request);
    try {
      const agencyId = String(body.agencyId ?? '');
      if (!handlingAgencies(principalOf(request)).includes(agencyId))
        throw new AppError('validation', '请选择受理机关', {
          fields: { agencyId: '请选择您所在的受理机关' },
        });
      const receipt = await registerApplication(ctx, actorFor(request), agencyId, body);
      // The query code is shown once, on this response only: never in a URL or a log.
      return casePage(request as FastifyRequest<IdParams>, reply, {
        id: receipt.id,
        newQueryCode: receipt.queryCode,
      });
    } catch (error) {
      return registerPage(request, reply, formStateFrom(error, body));
    }
  });

  const casePage = async (
    request: FastifyRequest<IdParams>,
    reply: FastifyReply,
    extra: { state?: FormState; unmasked?: UnmaskedApplicant; id?: string; newQueryCode?: string } = {},
  ) => {
    const view = await caseView(ctx, principalOf(request), extra.id ?? request.params.id);
    return sendPage(
      reply,
      <CasePage
        {...adminShell(ctx, request, reply)}
        view={view}
        state={extra.state}
        unmasked={extra.unmasked}
        newQueryCode={extra.newQueryCode}
        today={chinaDay(ctx.clock.now())}
      />,
      formStatus(extra.state),
    );
  };
  app.get<IdParams>('/admin/applications/:id', { preHandler: business }, (request, reply) =>
    casePage(request, reply),
  );

  app.post<IdParams>('/admin/applications/:id/unmask', post, async (request, reply) => {
    const unmasked = await unmaskApplicant(ctx, principalOf(request), actorFor(request), request.params.id);
    return casePage(request, reply, { unmasked });
  });

  registerStepRoute(app, ctx, {
    base: '/admin/applications',
    steps,
    preHandler: post.preHandler,
    rerender: (request, reply, state) => casePage(request, reply, { state }),
  });

  app.get<{ Params: { id: string; letterId: string } }>(
    '/admin/applications/:id/letters/:letterId',
    { preHandler: business },
    async (request, reply) => {
      await caseView(ctx, principalOf(request), request.params.id); // 404 for a case the user may not see
      const file = await letterDocx(ctx.db, request.params.id, request.params.letterId, false);
      return sendDownload(reply, { ...file, type: DOCX_TYPE });
    },
  );
}
