import type { FastifyInstance, FastifyReply, FastifyRequest, RouteShorthandOptions } from 'fastify';
import type { Context } from '../../core/context';
import { AppError } from '../../core/errors';
import type { Principal } from '../../modules/accounts';
import type { Actor } from '../../modules/audit';
import { actorFor, formBody, formStateFrom, principalOf } from './guard';
import type { FormState } from './views/form';

// The one POST route behind the step forms of a record page (依申请公开 cases, 部门信箱 letters): the URL
// names the step, the service decides whether it is allowed. Success redirects back to the record (303,
// so a reload does not repeat it); a refused step re-renders the page with the message beside its form.

/** One step of a record's workflow, as the route calls it. */
export type Step = (
  ctx: Context,
  p: Principal,
  actor: Actor,
  id: string,
  body: Record<string, unknown>,
) => Promise<unknown>;

type StepRequest = FastifyRequest<{ Params: { id: string; action: string } }>;

/** Registers POST `${base}/:id/:action` for the given steps; `rerender` shows the record with a state. */
export function registerStepRoute(
  app: FastifyInstance,
  ctx: Context,
  opts: {
    base: string;
    steps: Record<string, Step>;
    preHandler: RouteShorthandOptions['preHandler'];
    rerender: (request: StepRequest, reply: FastifyReply, state: FormState) => Promise<unknown>;
  },
): void {
  app.post<{ Params: { id: string; action: string } }>(
    `${opts.base}/:id/:action`,
    { preHandler: opts.preHandler },
    async (request, reply) => {
      const { id, action } = request.params;
      const step = Object.hasOwn(opts.steps, action) ? opts.steps[action] : undefined;
      if (!step) throw new AppError('not_found', '页面不存在');
      const body = formBody(request);
      try {
        await step(ctx, principalOf(request), actorFor(request), id, body);
        return reply.redirect(`${opts.base}/${id}`, 303);
      } catch (error) {
        if (!(error instanceof AppError) || !['validation', 'conflict', 'forbidden'].includes(error.code))
          throw error;
        const state = formStateFrom(
          error.code === 'validation' ? error : new AppError('validation', error.message),
          body,
        );
        // Shown again with the reason, under the refusal's own status: 403 not yours to do, 409 the
        // record has moved on, 400 wrong input (security.md T11).
        return opts.rerender(request, reply, {
          ...state,
          values: { ...state.values, _form: action },
          status: error.status,
        });
      }
    },
  );
}
