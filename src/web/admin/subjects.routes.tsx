import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Context } from '../../core/context';
import { addSubject, listSubjects, renameSubject } from '../../modules/documents';
import { sendPage } from '../http/render';
import { actorFor, adminShell, formBody, formStateFrom, staffGuard } from './guard';
import { type FormState, formStatus } from './views/form';
import { SubjectsPage } from './views/subjects-page';

/** The subject taxonomy screen (rules are data, editable in the back office). */
export function registerSubjectRoutes(app: FastifyInstance, ctx: Context): void {
  const system = staffGuard(ctx, 'system');
  const page = async (request: FastifyRequest, reply: FastifyReply, state?: FormState) =>
    sendPage(
      reply,
      <SubjectsPage
        {...adminShell(ctx, request, reply)}
        subjects={await listSubjects(ctx.db)}
        state={state}
      />,
      formStatus(state),
    );
  app.get('/admin/subjects', { preHandler: system }, (request, reply) => page(request, reply));
  app.post('/admin/subjects', { preHandler: [app.csrfProtection, system] }, async (request, reply) => {
    try {
      await addSubject(ctx, actorFor(request), formBody(request));
      return reply.redirect('/admin/subjects', 303);
    } catch (error) {
      return page(request, reply, formStateFrom(error, {}));
    }
  });
  app.post<{ Params: { id: string } }>(
    '/admin/subjects/:id',
    { preHandler: [app.csrfProtection, system] },
    async (request, reply) => {
      try {
        await renameSubject(ctx, actorFor(request), request.params.id, formBody(request));
        return reply.redirect('/admin/subjects', 303);
      } catch (error) {
        return page(request, reply, formStateFrom(error, {}));
      }
    },
  );
}
