import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Context } from '../../core/context';
import { AppError } from '../../core/errors';
import { seesAllAgencies } from '../../modules/accounts';
import {
  deleteAllowed,
  exportRules,
  getRule,
  importRules,
  listAllowed,
  listRules,
  listRuleVersions,
  ruleInputFromForm,
  saveAllowed,
  saveRule,
  setRuleEnabled,
  WORDING_RULE_TYPES,
} from '../../modules/compliance';
import { sendDownload } from '../http/download';
import { sendPage } from '../http/render';
import { toCsvLine } from './csv';
import { actorFor, adminShell, formBody, formStateFrom, principalOf, staffGuard } from './guard';
import type { FormState } from './views/form';
import { ruleFormValues, WordingRuleFormPage } from './views/wording-rules-form';
import { WordingRulesPage } from './views/wording-rules-pages';

// 错敏词库 screens (issue 5). Anyone with a business role may view; changes need the district
// supervisor ('supervisor' grant), checked on every POST.

const listQuery = z.object({
  type: z
    .enum(WORDING_RULE_TYPES as [string, ...string[]])
    .optional()
    .catch(undefined),
  severity: z.enum(['veto', 'ordinary']).optional().catch(undefined),
  q: z.string().max(100).optional().catch(undefined),
  saved: z.coerce.number().int().positive().optional().catch(undefined),
});
const idParams = z.object({ id: z.string().min(1).max(200) });

function requireSupervisor(request: FastifyRequest): void {
  if (!seesAllAgencies(principalOf(request)))
    throw new AppError('forbidden', '只有区政府办监管角色可以修改错敏词库');
}

type ListState = { allowState?: FormState; importState?: FormState; saved?: string };

/** Registers the 错敏词库 routes. */
export function registerWordingRuleRoutes(app: FastifyInstance, ctx: Context): void {
  const staff = staffGuard(ctx, 'business');
  const change = [app.csrfProtection, staff];

  const list = async (request: FastifyRequest, reply: FastifyReply, state: ListState = {}) => {
    const query = listQuery.parse(request.query ?? {});
    const filter = { type: query.type as never, severity: query.severity, q: query.q };
    const saved = state.saved ?? (query.saved ? `已保存为错敏词库第 ${query.saved} 版` : undefined);
    const failed = Boolean(state.allowState || state.importState);
    return sendPage(
      reply,
      <WordingRulesPage
        {...adminShell(ctx, request, reply)}
        {...state}
        saved={saved}
        rules={await listRules(ctx, filter)}
        allowed={await listAllowed(ctx)}
        versions={await listRuleVersions(ctx)}
        filter={{ type: query.type, severity: query.severity, q: query.q }}
        canEdit={seesAllAgencies(principalOf(request))}
      />,
      failed ? 400 : 200,
    );
  };
  const form = (
    request: FastifyRequest,
    reply: FastifyReply,
    state: FormState,
    editing: boolean,
    status = 200,
  ) =>
    sendPage(
      reply,
      <WordingRuleFormPage {...adminShell(ctx, request, reply)} state={state} editing={editing} />,
      status,
    );
  const done = (reply: FastifyReply, version: number) =>
    reply.redirect(`/admin/wording-rules?saved=${version}`, 303);

  app.get('/admin/wording-rules', { preHandler: staff }, (request, reply) => list(request, reply));
  app.get('/admin/wording-rules/new', { preHandler: staff }, (request, reply) => {
    requireSupervisor(request);
    return form(request, reply, { values: { severity: 'ordinary', type: 'wrong_right' } }, false);
  });
  app.get('/admin/wording-rules/:id/edit', { preHandler: staff }, async (request, reply) => {
    requireSupervisor(request);
    const rule = await getRule(ctx, idParams.parse(request.params).id);
    return form(request, reply, { values: ruleFormValues(rule) }, true);
  });
  app.post('/admin/wording-rules', { preHandler: change }, async (request, reply) => {
    requireSupervisor(request);
    const body = formBody(request);
    try {
      const { version } = await saveRule(ctx, actorFor(request), ruleInputFromForm(body));
      return done(reply, version);
    } catch (error) {
      return form(request, reply, formStateFrom(error, body), Boolean(body.id), 400);
    }
  });
  for (const [action, enabled] of [
    ['disable', false],
    ['enable', true],
  ] as const)
    app.post(`/admin/wording-rules/:id/${action}`, { preHandler: change }, async (request, reply) => {
      requireSupervisor(request);
      const { version } = await setRuleEnabled(
        ctx,
        actorFor(request),
        idParams.parse(request.params).id,
        enabled,
      );
      return done(reply, version);
    });
  app.post('/admin/wording-rules/allow', { preHandler: change }, async (request, reply) => {
    requireSupervisor(request);
    const body = formBody(request);
    try {
      return done(reply, (await saveAllowed(ctx, actorFor(request), body)).version);
    } catch (error) {
      return list(request, reply, { allowState: formStateFrom(error, body) });
    }
  });
  app.post('/admin/wording-rules/allow/:id/delete', { preHandler: change }, async (request, reply) => {
    requireSupervisor(request);
    return done(
      reply,
      (await deleteAllowed(ctx, actorFor(request), idParams.parse(request.params).id)).version,
    );
  });
  app.post('/admin/wording-rules/import', { preHandler: change }, async (request, reply) => {
    requireSupervisor(request);
    const body = formBody(request);
    try {
      const format = body.format === 'json' ? 'json' : 'csv';
      const result = await importRules(ctx, actorFor(request), format, String(body.content ?? ''));
      return done(reply, result.version);
    } catch (error) {
      return list(request, reply, { importState: formStateFrom(error, body) });
    }
  });
  app.get('/admin/wording-rules/export.csv', { preHandler: staff }, async (_request, reply) => {
    const lines = (await exportRules(ctx, 'csv')).map(toCsvLine).join('');
    return sendDownload(reply, {
      fileName: '错敏词库.csv',
      type: 'text/csv; charset=utf-8',
      body: Buffer.from(`\ufeff${lines}`, 'utf8'),
    });
  });
  app.get('/admin/wording-rules/export.json', { preHandler: staff }, async (_request, reply) => {
    const json = await exportRules(ctx, 'json');
    return sendDownload(reply, {
      fileName: '错敏词库.json',
      type: 'application/json; charset=utf-8',
      body: Buffer.from(json, 'utf8'),
    });
  });
}
