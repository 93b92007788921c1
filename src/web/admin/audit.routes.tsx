import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Context } from '../../core/context';
import { parseInput } from '../../core/validation';
import { describeChainProblem, recordAuditAlone, searchAudit, verifyAuditChain } from '../../modules/audit';
import { sendPage } from '../http/render';
import { actorFor, adminShell, staffGuard } from './guard';
import { AuditPage } from './views/audit-page';

const auditQuery = z.object({
  action: z
    .string()
    .trim()
    .max(60)
    .optional()
    .transform((v) => v || undefined),
  actor: z
    .string()
    .trim()
    .max(64)
    .optional()
    .transform((v) => v || undefined),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
});

/** The audit viewer: the audit administrator's screen only (等保 8.1.5.2). Viewing is itself audited. */
export function registerAuditRoutes(app: FastifyInstance, ctx: Context): void {
  const audit = staffGuard(ctx, 'audit');
  app.get('/admin/audit', { preHandler: audit }, async (request, reply) => {
    const q = parseInput(auditQuery, request.query);
    await recordAuditAlone(ctx, actorFor(request), {
      action: 'audit.viewed',
      details: { filter: { action: q.action, actor: q.actor, page: q.page } },
    });
    const result = await searchAudit(ctx.db, { ...q, pageSize: 50 });
    return sendPage(
      reply,
      <AuditPage
        {...adminShell(ctx, request, reply)}
        rows={result.rows}
        hasMore={result.hasMore}
        query={q}
      />,
    );
  });

  app.post('/admin/audit/verify', { preHandler: [app.csrfProtection, audit] }, async (request, reply) => {
    const result = await verifyAuditChain(ctx.db, ctx.keys.audit);
    const verdict = result.problem
      ? describeChainProblem(result.problem)
      : `审计链完整，共校验 ${result.rows} 条记录`;
    await recordAuditAlone(ctx, actorFor(request), {
      action: 'audit.verified',
      outcome: result.problem ? 'failure' : 'success',
      details: { rows: result.rows, verdict },
    });
    const page = await searchAudit(ctx.db, { page: 1, pageSize: 50 });
    return sendPage(
      reply,
      <AuditPage
        {...adminShell(ctx, request, reply)}
        rows={page.rows}
        hasMore={page.hasMore}
        query={{ page: 1 }}
        verdict={verdict}
        ok={!result.problem}
      />,
    );
  });
}
