import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Context } from '../../core/context';
import { AppError } from '../../core/errors';
import type { Item } from '../../db/schema';
import { getAgency, type Principal } from '../../modules/accounts';
import { loadCalendar } from '../../modules/calendar';
import { getStaffItem } from '../../modules/catalog';
import {
  createDraft,
  itemRelations,
  listSubjects,
  publicationTimeliness,
  reviewFindings,
  reviewHistory,
  reviewStep,
  reviewSubjectOf,
  startCorrection,
  subjectLabel,
  submitForReview,
  updateDraft,
  withdrawItem,
} from '../../modules/documents';
import { decideReview } from '../../modules/documents/review-machine';
import { interpretationOf, policyChoices } from '../../modules/interpretations';
import { changeNormativeStatus, successorCandidates } from '../../modules/normative';
import { sendPage } from '../http/render';
import { loadAttachmentsPanel } from './attachment.routes';
import { actorFor, adminShell, formBody, formStateFrom, principalOf, staffGuard } from './guard';
import { type FormState, formStatus } from './views/form';
import { ItemDetailPage } from './views/item-detail';
import { type ColumnChoice, ItemFormPage } from './views/item-form';
import { ReviewFormPage } from './views/review-form-page';

type IdParams = { Params: { id: string } };

async function editorColumns(ctx: Context, p: Principal): Promise<ColumnChoice[]> {
  const agencyIds = p.grants.filter((g) => g.role === 'editor').map((g) => g.agencyId);
  if (agencyIds.length === 0) return [];
  const rows = await ctx.db
    .selectFrom('columns')
    .innerJoin('agencies', 'agencies.id', 'columns.agency_id')
    .select(['columns.id', 'columns.name', 'agencies.name as agencyName'])
    .where('columns.agency_id', 'in', agencyIds)
    .orderBy('agencies.code')
    .orderBy('columns.sort')
    .execute();
  return rows;
}

/** The form values of a stored item (the scheduled time shown in China time). */
function valuesOf(
  item: Item,
  link: { policy_item_id: string; form: string } | undefined,
): Record<string, string> {
  const scheduled = item.scheduled_at
    ? new Date(Date.parse(item.scheduled_at) + 8 * 3_600_000).toISOString().slice(0, 16)
    : '';
  return {
    columnId: item.column_id,
    title: item.title,
    bodyHtml: item.body_html,
    docNumber: item.doc_number ?? '',
    issuer: item.issuer ?? '',
    writtenOn: item.written_on ?? '',
    subjectId: item.subject_id ?? '',
    genre: item.genre ?? '',
    keywords: item.keywords,
    summary: item.summary,
    visibility: item.visibility,
    disclosure: item.disclosure ?? '',
    disclosureBasis: item.disclosure_basis ?? '',
    disclosureReason: item.disclosure_reason ?? '',
    isPolicy: item.is_policy ? '1' : '',
    scheduledAt: scheduled,
    registrationNumber: item.registration_number ?? '',
    effectiveFrom: item.effective_from ?? '',
    policyItemId: link?.policy_item_id ?? '',
    interpretationForm: link?.form ?? '',
  };
}

/** Drafting, review and withdrawal screens of the back office. */
export function registerItemRoutes(app: FastifyInstance, ctx: Context): void {
  const business = staffGuard(ctx, 'business');
  const post = { preHandler: [app.csrfProtection, business] };

  const formPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    options: { item?: Item; state?: FormState },
  ) => {
    const p = principalOf(request);
    const columns = await editorColumns(ctx, p);
    if (columns.length === 0) throw new AppError('forbidden', '只有信息员可以起草信息');
    const title = options.item ? `编辑：${options.item.title}` : '新建信息';
    const action = options.item ? `/admin/items/${options.item.id}` : '/admin/items';
    const state = options.state ?? {
      values: options.item
        ? valuesOf(options.item, await interpretationOf(ctx.db, options.item.id))
        : { visibility: 'public', disclosure: 'proactive' },
    };
    const page = (
      <ItemFormPage
        {...adminShell(ctx, request, reply)}
        title={title}
        action={action}
        columns={columns}
        subjects={await listSubjects(ctx.db)}
        policies={
          await policyChoices(
            ctx,
            p.grants.filter((g) => g.role === 'editor').map((g) => g.agencyId),
          )
        }
        state={state}
      />
    );
    return sendPage(reply, page, formStatus(options.state));
  };

  const detailPage = async (request: FastifyRequest, reply: FastifyReply, item: Item, state?: FormState) => {
    const p = principalOf(request);
    const subject = await reviewSubjectOf(ctx.db, item);
    const reviewer = {
      userId: p.userId,
      roles: p.grants.filter((g) => g.agencyId === item.agency_id).map((g) => g.role),
    };
    const can = {
      edit: decideReview(subject, reviewer, 'edit').ok,
      submit: decideReview(subject, reviewer, 'submit').ok,
      review: decideReview(subject, reviewer, 'approve').ok,
      withdraw: decideReview(subject, reviewer, 'withdraw').ok,
      changeNormative: reviewer.roles.some((r) => r === 'reviewer2' || r === 'reviewer3'),
      correct: item.status === 'published' && reviewer.roles.includes('editor'),
    };
    const relations = await itemRelations(ctx.db, item, { editorChecks: true });
    const successorChoices = relations.normative ? await successorCandidates(ctx.db, item) : [];
    const agency = await getAgency(ctx, item.agency_id);
    const column = await ctx.db
      .selectFrom('columns')
      .select('name')
      .where('id', '=', item.column_id)
      .executeTakeFirstOrThrow();
    const view = {
      item,
      agencyName: agency.name,
      columnName: column.name,
      subject: await subjectLabel(ctx.db, item.subject_id),
      chain: subject.chain,
      history: await reviewHistory(ctx.db, item.id),
      can,
      relations,
      successorChoices,
      timeliness: publicationTimeliness(item, (await loadCalendar(ctx.db)).isWorkday),
      attachments: await loadAttachmentsPanel(ctx, p, item),
      compliance: await reviewFindings(ctx, item),
      state,
    };
    return sendPage(
      reply,
      <ItemDetailPage {...adminShell(ctx, request, reply)} {...view} />,
      formStatus(state),
    );
  };

  app.get('/admin/items/new', { preHandler: business }, (request, reply) => formPage(request, reply, {}));
  app.post('/admin/items', post, async (request, reply) => {
    const body = formBody(request);
    try {
      const item = await createDraft(ctx, principalOf(request), actorFor(request), body);
      return reply.redirect(`/admin/items/${item.id}`, 303);
    } catch (error) {
      return formPage(request, reply, { state: formStateFrom(error, body) });
    }
  });

  app.get<IdParams>('/admin/items/:id', { preHandler: business }, async (request, reply) =>
    detailPage(request, reply, await getStaffItem(ctx, principalOf(request), request.params.id)),
  );
  app.get<IdParams>('/admin/items/:id/edit', { preHandler: business }, async (request, reply) => {
    const item = await getStaffItem(ctx, principalOf(request), request.params.id);
    return formPage(request, reply, { item });
  });
  app.post<IdParams>('/admin/items/:id', post, async (request, reply) => {
    const item = await getStaffItem(ctx, principalOf(request), request.params.id);
    const body = formBody(request);
    try {
      await updateDraft(ctx, principalOf(request), actorFor(request), item, body);
      return reply.redirect(`/admin/items/${item.id}`, 303);
    } catch (error) {
      return formPage(request, reply, { item, state: formStateFrom(error, body) });
    }
  });

  // Each action re-reads the item, decides, and on a refusal shows the item again with the reason.
  const act =
    (
      run: (
        p: Principal,
        item: Item,
        body: Record<string, unknown>,
        request: FastifyRequest,
      ) => Promise<unknown>,
    ) =>
    async (request: FastifyRequest<IdParams>, reply: FastifyReply) => {
      const item = await getStaffItem(ctx, principalOf(request), request.params.id);
      try {
        await run(principalOf(request), item, formBody(request), request);
        return reply.redirect(`/admin/items/${item.id}`, 303);
      } catch (error) {
        if (!(error instanceof AppError) || !['validation', 'conflict', 'forbidden'].includes(error.code))
          throw error;
        // Shown again with the reason, under the refusal's own status (403, 409 or 400; T11).
        return detailPage(request, reply, await getStaffItem(ctx, principalOf(request), item.id), {
          message: error.message,
          errors: error.fields ?? {},
          status: error.status,
        });
      }
    };
  app.post<IdParams>(
    '/admin/items/:id/submit',
    post,
    act((p, item, _b, r) => submitForReview(ctx, p, actorFor(r), item)),
  );
  app.post<IdParams>(
    '/admin/items/:id/review',
    post,
    act((p, item, body, r) => {
      const decision = body.decision === 'return' ? 'return' : 'approve';
      return reviewStep(ctx, p, actorFor(r), item, decision, {
        opinion: String(body.opinion ?? ''),
        secrecyChecked: Boolean(body.secrecyChecked),
        overruleReason: typeof body.overruleReason === 'string' ? body.overruleReason : undefined,
      });
    }),
  );
  app.post<IdParams>('/admin/items/:id/correct', post, async (request, reply) => {
    const item = await getStaffItem(ctx, principalOf(request), request.params.id);
    try {
      const draft = await startCorrection(
        ctx,
        principalOf(request),
        actorFor(request),
        item,
        String(formBody(request).reason ?? ''),
      );
      return reply.redirect(`/admin/items/${draft.id}`, 303);
    } catch (error) {
      if (!(error instanceof AppError) || !['validation', 'conflict', 'forbidden'].includes(error.code))
        throw error;
      return detailPage(request, reply, item, {
        message: error.message,
        errors: error.fields ?? {},
        status: error.status,
      });
    }
  });
  app.post<IdParams>(
    '/admin/items/:id/normative',
    post,
    act((p, item, body, r) => changeNormativeStatus(ctx, p, actorFor(r), item, body)),
  );
  app.post<IdParams>(
    '/admin/items/:id/withdraw',
    post,
    act((p, item, body, r) => withdrawItem(ctx, p, actorFor(r), item, String(body.reason ?? ''))),
  );

  app.get<IdParams>('/admin/items/:id/review-form', { preHandler: business }, async (request, reply) => {
    const item = await getStaffItem(ctx, principalOf(request), request.params.id);
    const agency = await getAgency(ctx, item.agency_id);
    const history = await reviewHistory(ctx.db, item.id);
    return sendPage(
      reply,
      <ReviewFormPage
        {...adminShell(ctx, request, reply)}
        item={item}
        agencyName={agency.name}
        history={history}
      />,
    );
  });
}
