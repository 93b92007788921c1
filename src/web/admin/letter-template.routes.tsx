import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Context } from '../../core/context';
import { AppError } from '../../core/errors';
import { getAgency } from '../../modules/accounts';
import {
  defaultLetterTemplate,
  letterKeyOrNotFound,
  letterTemplateAgencyIds,
  letterTemplateFor,
  listLetterTemplates,
  parseLetterTemplateInput,
  previewLetterDocx,
  resetLetterTemplate,
  saveLetterTemplate,
} from '../../modules/applications';
import { DOCX_TYPE, sendDownload } from '../http/download';
import { sendPage } from '../http/render';
import { actorFor, adminShell, formBody, formStateFrom, principalOf, staffGuard } from './guard';
import { type FormState, formStatus } from './views/form';
import {
  LetterTemplateAgenciesPage,
  LetterTemplateEditPage,
  LetterTemplateListPage,
  letterTemplateUrl,
} from './views/letter-template-pages';

type AgencyParams = { Params: { agencyId: string } };
type TemplateParams = { Params: { agencyId: string; key: string } };

/** The 依申请公开 letter templates of an agency, edited by its disclosure office (letter-permissions.ts). */
export function registerLetterTemplateRoutes(app: FastifyInstance, ctx: Context): void {
  const business = staffGuard(ctx, 'business');
  const posting = { preHandler: [app.csrfProtection, business] };

  // No editing role anywhere: 403. Another agency's templates: 404, so their existence is not revealed.
  const editableAgency = async (request: FastifyRequest, agencyId: string) => {
    const ids = letterTemplateAgencyIds(principalOf(request));
    if (ids.length === 0)
      throw new AppError('forbidden', '只有公开保密办公室（复审）或监管人员可以修改文书模板');
    if (!ids.includes(agencyId)) throw new AppError('not_found', '页面不存在');
    return getAgency(ctx, agencyId);
  };

  const editPage = async (
    request: FastifyRequest<TemplateParams>,
    reply: FastifyReply,
    state?: FormState,
  ) => {
    const agency = await editableAgency(request, request.params.agencyId);
    const template = await letterTemplateFor(ctx.db, agency.id, request.params.key);
    return sendPage(
      reply,
      <LetterTemplateEditPage
        {...adminShell(ctx, request, reply)}
        agencyId={agency.id}
        agencyName={agency.name}
        template={template}
        defaults={defaultLetterTemplate(template.key)}
        state={state ?? { values: { title: template.title, body: template.body } }}
      />,
      formStatus(state),
    );
  };

  app.get('/admin/letter-templates', { preHandler: business }, async (request, reply) => {
    const ids = letterTemplateAgencyIds(principalOf(request));
    if (ids.length === 0)
      throw new AppError('forbidden', '只有公开保密办公室（复审）或监管人员可以修改文书模板');
    if (ids.length === 1) return reply.redirect(letterTemplateUrl(ids[0] ?? ''), 303);
    const agencies = await Promise.all(ids.map((id) => getAgency(ctx, id)));
    return sendPage(
      reply,
      <LetterTemplateAgenciesPage {...adminShell(ctx, request, reply)} agencies={agencies} />,
    );
  });

  app.get<AgencyParams>(
    '/admin/letter-templates/:agencyId',
    { preHandler: business },
    async (request, reply) => {
      const agency = await editableAgency(request, request.params.agencyId);
      return sendPage(
        reply,
        <LetterTemplateListPage
          {...adminShell(ctx, request, reply)}
          agencyId={agency.id}
          agencyName={agency.name}
          templates={await listLetterTemplates(ctx.db, agency.id)}
        />,
      );
    },
  );

  app.get<TemplateParams>(
    '/admin/letter-templates/:agencyId/:key',
    { preHandler: business },
    (request, reply) => editPage(request, reply),
  );

  app.post<TemplateParams>('/admin/letter-templates/:agencyId/:key', posting, async (request, reply) => {
    const agency = await editableAgency(request, request.params.agencyId);
    const key = letterKeyOrNotFound(request.params.key);
    try {
      await saveLetterTemplate(ctx, actorFor(request), agency.id, key, formBody(request));
      return reply.redirect(letterTemplateUrl(agency.id), 303);
    } catch (error) {
      return editPage(request, reply, formStateFrom(error, formBody(request)));
    }
  });

  // The preview fills what is in the form, saved or not, with the example values of placeholders.ts.
  app.post<TemplateParams>(
    '/admin/letter-templates/:agencyId/:key/preview',
    posting,
    async (request, reply) => {
      const agency = await editableAgency(request, request.params.agencyId);
      let docx: Buffer;
      try {
        const template = parseLetterTemplateInput(request.params.key, formBody(request));
        docx = await previewLetterDocx(template, {
          name: agency.name,
          shortName: agency.short_name,
          contact: agency.contact,
        });
      } catch (error) {
        return editPage(request, reply, formStateFrom(error, formBody(request)));
      }
      return sendDownload(reply, {
        fileName: `文书模板预览-${request.params.key}.docx`,
        type: DOCX_TYPE,
        body: docx,
      });
    },
  );

  app.post<TemplateParams>(
    '/admin/letter-templates/:agencyId/:key/reset',
    posting,
    async (request, reply) => {
      const agency = await editableAgency(request, request.params.agencyId);
      await resetLetterTemplate(ctx, actorFor(request), agency.id, request.params.key);
      return reply.redirect(letterTemplateUrl(agency.id, request.params.key), 303);
    },
  );
}
