import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { chinaDay } from '../../core/clock';
import type { Context } from '../../core/context';
import { AppError } from '../../core/errors';
import { listAgencies } from '../../modules/accounts';
import {
  acceptLetter,
  assignLetter,
  deadlineRules,
  draftReply,
  forwardLetter,
  type LetterAction,
  letterQueue,
  letterView,
  mayEditDeadlines,
  mergeLetter,
  publishLetter,
  rejectLetter,
  releaseLetter,
  reviewReply,
  saveDeadlineRules,
  sendReply,
  setAsideLetter,
  type UnmaskedWriter,
  unmaskWriter,
  unpublishLetter,
} from '../../modules/mailbox';
import { sendPage } from '../http/render';
import { actorFor, adminShell, formBody, formStateFrom, principalOf, staffGuard } from './guard';
import { registerStepRoute, type Step } from './step-route';
import { type FormState, formStatus } from './views/form';
import { LetterPage, MailboxQueuePage, MailboxRulesPage } from './views/mailbox-pages';

type IdParams = { Params: { id: string } };

// Each letter step by its URL segment; the service decides whether it is allowed.
const steps: Record<LetterAction, Step> = {
  release: releaseLetter,
  'set-aside': setAsideLetter,
  accept: acceptLetter,
  reject: rejectLetter,
  assign: assignLetter,
  forward: forwardLetter,
  merge: mergeLetter,
  draft: draftReply,
  review: reviewReply,
  send: sendReply,
  publish: publishLetter,
  unpublish: unpublishLetter,
};

/** The 部门信箱 screens of the back office: queue, letter page and its steps, the deadline settings. */
export function registerMailboxAdminRoutes(app: FastifyInstance, ctx: Context): void {
  const business = staffGuard(ctx, 'business');
  const anyone = staffGuard(ctx, 'any');
  const post = { preHandler: [app.csrfProtection, business] };

  app.get('/admin/mailbox', { preHandler: business }, async (request, reply) => {
    const p = principalOf(request);
    // A repeated or bracketed parameter arrives as an array or object: only plain strings count (T6).
    const query: Record<string, string | undefined> = Object.fromEntries(
      Object.entries(request.query as object).filter(([, v]) => typeof v === 'string'),
    );
    const status = query.status ?? 'open';
    const rows = await letterQueue(ctx, p, {
      status: status || undefined,
      agencyId: query.agency || undefined,
      today: chinaDay(ctx.clock.now()),
    });
    const agencies = await listAgencies(ctx, { enabledOnly: true });
    const supervisor = p.grants.some((g) => g.role === 'supervisor');
    const page = (
      <MailboxQueuePage
        {...adminShell(ctx, request, reply)}
        rows={rows}
        agencies={agencies}
        filter={{ status, agency: query.agency ?? '' }}
        supervisor={supervisor}
        canEditRules={mayEditDeadlines(p)}
      />
    );
    return sendPage(reply, page);
  });

  const rulesPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    extra: { state?: FormState; saved?: boolean } = {},
  ) => {
    if (!mayEditDeadlines(principalOf(request)))
      throw new AppError('forbidden', '只有系统管理员或区政务公开主管可以修改答复时限');
    const rules = await deadlineRules(ctx.db);
    return sendPage(
      reply,
      <MailboxRulesPage {...adminShell(ctx, request, reply)} rules={rules} {...extra} />,
      formStatus(extra.state),
    );
  };
  app.get('/admin/mailbox-rules', { preHandler: anyone }, (request, reply) => rulesPage(request, reply));
  app.post('/admin/mailbox-rules', { preHandler: [app.csrfProtection, anyone] }, async (request, reply) => {
    const body = formBody(request);
    try {
      await saveDeadlineRules(ctx, principalOf(request), actorFor(request), body);
      return rulesPage(request, reply, { saved: true });
    } catch (error) {
      return rulesPage(request, reply, { state: formStateFrom(error, body) });
    }
  });

  const letterPage = async (
    request: FastifyRequest<IdParams>,
    reply: FastifyReply,
    state?: FormState,
    writer?: UnmaskedWriter,
  ) => {
    const view = await letterView(ctx, principalOf(request), request.params.id);
    const page = (
      <LetterPage {...adminShell(ctx, request, reply)} view={view} state={state} writer={writer} />
    );
    return sendPage(reply, page, formStatus(state));
  };
  app.post<IdParams>('/admin/mailbox/:id/unmask', post, async (request, reply) => {
    const writer = await unmaskWriter(ctx, principalOf(request), actorFor(request), request.params.id);
    return letterPage(request, reply, undefined, writer);
  });
  app.get<IdParams>('/admin/mailbox/:id', { preHandler: business }, (request, reply) =>
    letterPage(request, reply),
  );

  registerStepRoute(app, ctx, {
    base: '/admin/mailbox',
    steps,
    preHandler: post.preHandler,
    rerender: (request, reply, state) => letterPage(request, reply, state),
  });
}
