import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Context } from '../../core/context';
import { AppError } from '../../core/errors';
import { parseInput } from '../../core/validation';
import {
  addColumnOverride,
  getFreshnessRule,
  getThreshold,
  inspectionRuleHistory,
  listFreshnessRules,
  listThresholds,
  mayEditInspectionRules,
  overrideColumnChoices,
  removeColumnOverride,
  saveFreshnessRule,
  saveThreshold,
} from '../../modules/inspections';
import { sendPage } from '../http/render';
import { actorFor, adminShell, formBody, formStateFrom, principalOf, staffGuard } from './guard';
import type { FormState } from './views/form';
import {
  ColumnOverrideFormPage,
  FreshnessRuleFormPage,
  freshnessFormValues,
  ThresholdFormPage,
} from './views/inspection-rules-forms';
import { InspectionRulesPage } from './views/inspection-rules-pages';

// 检查规则 in the back office (architecture.md: rules are data, editable, basis beside each): every
// business user reads them; the service refuses changes by anyone but the district supervisor.

const idParams = z.object({ id: z.string().min(1).max(64) });
const keyParams = z.object({ key: z.string().regex(/^[a-z_]{1,40}$/, '阈值无效') });
const savedNotices = {
  rule: '规则已保存，下一次检查即按新规则执行',
  override: '已为该栏目单独设置规则',
  removed: '已删除单独设置，该栏目恢复按栏目标识的规则',
  threshold: '阈值已保存，下一次检查即按新阈值执行',
} as const;
const listQuery = z.object({
  saved: z
    .enum(Object.keys(savedNotices) as [keyof typeof savedNotices])
    .optional()
    .catch(undefined),
  from: z.string().max(64).optional().catch(undefined),
});

function requireEditor(request: FastifyRequest): void {
  if (!mayEditInspectionRules(principalOf(request)))
    throw new AppError('forbidden', '只有区政府办监管可以修改检查规则');
}

/** Registers the 检查规则 routes under /admin/inspections/rules and /admin/inspections/thresholds. */
export function registerInspectionRuleRoutes(app: FastifyInstance, ctx: Context): void {
  const staff = staffGuard(ctx, 'business');
  const change = [app.csrfProtection, staff];
  const done = (reply: FastifyReply, saved: keyof typeof savedNotices) =>
    reply.redirect(`/admin/inspections/rules?saved=${saved}`, 303);

  app.get('/admin/inspections/rules', { preHandler: staff }, async (request, reply) => {
    const { saved } = listQuery.parse(request.query ?? {});
    const [rules, thresholds, history] = await Promise.all([
      listFreshnessRules(ctx),
      listThresholds(ctx),
      inspectionRuleHistory(ctx),
    ]);
    return sendPage(
      reply,
      <InspectionRulesPage
        {...adminShell(ctx, request, reply)}
        rules={rules}
        thresholds={thresholds}
        history={history}
        canEdit={mayEditInspectionRules(principalOf(request))}
        saved={saved ? savedNotices[saved] : undefined}
      />,
    );
  });

  const overrideForm = async (
    request: FastifyRequest,
    reply: FastifyReply,
    state: FormState,
    status = 200,
    slug?: string | null,
  ) =>
    sendPage(
      reply,
      <ColumnOverrideFormPage
        {...adminShell(ctx, request, reply)}
        columns={await overrideColumnChoices(ctx, slug)}
        state={state}
      />,
      status,
    );

  app.get('/admin/inspections/rules/new', { preHandler: staff }, async (request, reply) => {
    requireEditor(request);
    const { from } = listQuery.parse(request.query ?? {});
    if (!from) return overrideForm(request, reply, { values: { vetoClass: 'none' } });
    // From a district-wide rule: its values to start from, and only the columns of its slug.
    const rule = await getFreshnessRule(ctx, from);
    return overrideForm(request, reply, { values: freshnessFormValues(rule) }, 200, rule.slug);
  });

  app.post('/admin/inspections/rules', { preHandler: change }, async (request, reply) => {
    const body = formBody(request);
    try {
      await addColumnOverride(ctx, principalOf(request), actorFor(request), body);
      return done(reply, 'override');
    } catch (error) {
      return overrideForm(request, reply, formStateFrom(error, body), 400);
    }
  });

  const ruleForm = async (request: FastifyRequest, reply: FastifyReply, state?: FormState, status = 200) => {
    const rule = await getFreshnessRule(ctx, parseInput(idParams, request.params).id);
    const s = state ?? { values: freshnessFormValues(rule) };
    return sendPage(
      reply,
      <FreshnessRuleFormPage {...adminShell(ctx, request, reply)} rule={rule} state={s} />,
      status,
    );
  };

  app.get('/admin/inspections/rules/:id/edit', { preHandler: staff }, (request, reply) => {
    requireEditor(request);
    return ruleForm(request, reply);
  });

  app.post('/admin/inspections/rules/:id', { preHandler: change }, async (request, reply) => {
    const { id } = parseInput(idParams, request.params);
    const body = formBody(request);
    try {
      await saveFreshnessRule(ctx, principalOf(request), actorFor(request), id, body);
      return done(reply, 'rule');
    } catch (error) {
      return ruleForm(request, reply, formStateFrom(error, body), 400);
    }
  });

  app.post('/admin/inspections/rules/:id/delete', { preHandler: change }, async (request, reply) => {
    const { id } = parseInput(idParams, request.params);
    await removeColumnOverride(ctx, principalOf(request), actorFor(request), id);
    return done(reply, 'removed');
  });

  const thresholdForm = async (
    request: FastifyRequest,
    reply: FastifyReply,
    state?: FormState,
    status = 200,
  ) => {
    const threshold = await getThreshold(ctx, parseInput(keyParams, request.params).key);
    const s = state ?? { values: { value: String(threshold.value), basis: threshold.basis } };
    return sendPage(
      reply,
      <ThresholdFormPage {...adminShell(ctx, request, reply)} threshold={threshold} state={s} />,
      status,
    );
  };

  app.get('/admin/inspections/thresholds/:key/edit', { preHandler: staff }, (request, reply) => {
    requireEditor(request);
    return thresholdForm(request, reply);
  });

  app.post('/admin/inspections/thresholds/:key', { preHandler: change }, async (request, reply) => {
    const { key } = parseInput(keyParams, request.params);
    const body = formBody(request);
    try {
      await saveThreshold(ctx, principalOf(request), actorFor(request), key, body);
      return done(reply, 'threshold');
    } catch (error) {
      return thresholdForm(request, reply, formStateFrom(error, body), 400);
    }
  });
}
