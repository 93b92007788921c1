import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Context } from '../../core/context';
import { getAgency } from '../../modules/accounts';
import type { ReviewStep } from '../../modules/documents';
import {
  type PublishingSettings,
  publishingSettingsOf,
  savePublishingSettings,
} from '../../modules/documents';
import { sendPage } from '../http/render';
import { actorFor, adminShell, formBody, formStateFrom, staffGuard } from './guard';
import { type FormState, formStatus } from './views/form';
import { MAX_STEPS, PublishingSettingsPage } from './views/publishing-settings-page';

type IdParams = { Params: { id: string } };

function toValues(settings: PublishingSettings): Record<string, string> {
  const values: Record<string, string> = { indexTemplate: settings.indexTemplate };
  settings.steps.forEach((step, i) => {
    values[`stepRole${i}`] = step.role;
    values[`stepLabel${i}`] = step.label;
  });
  return values;
}

function fromBody(body: Record<string, unknown>): PublishingSettings {
  const steps: ReviewStep[] = [];
  for (let i = 0; i < MAX_STEPS; i++) {
    const role = String(body[`stepRole${i}`] ?? '');
    if (!role) continue;
    const label = String(body[`stepLabel${i}`] ?? '').trim();
    steps.push({
      role: role as ReviewStep['role'],
      label,
      ...(role === 'reviewer2' ? { secrecyReview: true } : {}),
    });
  }
  return { indexTemplate: String(body.indexTemplate ?? ''), steps };
}

/** Per-agency 索引号 template and review chain, edited by the system administrator. */
export function registerPublishingSettingsRoutes(app: FastifyInstance, ctx: Context): void {
  const system = staffGuard(ctx, 'system');
  const page = async (request: FastifyRequest<IdParams>, reply: FastifyReply, state?: FormState) => {
    const agency = await getAgency(ctx, request.params.id);
    const values = state ?? { values: toValues(await publishingSettingsOf(ctx, agency.id)) };
    return sendPage(
      reply,
      <PublishingSettingsPage
        {...adminShell(ctx, request, reply)}
        agencyId={agency.id}
        agencyName={agency.name}
        state={values}
      />,
      formStatus(state),
    );
  };
  app.get<IdParams>('/admin/agencies/:id/publishing', { preHandler: system }, (request, reply) =>
    page(request, reply),
  );
  app.post<IdParams>(
    '/admin/agencies/:id/publishing',
    { preHandler: [app.csrfProtection, system] },
    async (request, reply) => {
      const body = formBody(request);
      try {
        await savePublishingSettings(ctx, actorFor(request), request.params.id, fromBody(body));
        return reply.redirect('/admin/agencies', 303);
      } catch (error) {
        return page(request, reply, formStateFrom(error, body));
      }
    },
  );
}
