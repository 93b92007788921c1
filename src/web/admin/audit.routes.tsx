import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Context } from '../../core/context';
import { pageNumber, parseInput } from '../../core/validation';
import {
  auditActionLabel,
  describeChainProblem,
  recordAuditAlone,
  searchAudit,
  streamAudit,
  verifyAuditChain,
} from '../../modules/audit';
import { sendPage } from '../http/render';
import { toCsvLine } from './csv';
import { actorFor, adminShell, staffGuard } from './guard';
import { type AuditFilter, AuditPage } from './views/audit-page';

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((v) => v || undefined);
const day = z
  .string()
  .regex(/^(\d{4}-\d{2}-\d{2})?$/, '日期格式应为 YYYY-MM-DD')
  .optional()
  .transform((v) => v || undefined);

const auditQuery = z.object({
  action: optionalText(60),
  actor: optionalText(64),
  from: day,
  to: day,
  page: pageNumber(100_000),
});

// Dates in the filter are China dates (UTC+8); records are stored in UTC.
const CHINA_OFFSET_MS = 8 * 3_600_000;
function utcRange(filter: AuditFilter) {
  const start = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) - CHINA_OFFSET_MS).toISOString();
  const next = (d: string) =>
    new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000 - CHINA_OFFSET_MS).toISOString();
  return {
    action: filter.action,
    actor: filter.actor,
    from: filter.from ? start(filter.from) : undefined,
    to: filter.to ? next(filter.to) : undefined,
  };
}

/** The audit viewer and export: the audit administrator's screens only (等保 8.1.5.2); both are audited. */
export function registerAuditRoutes(app: FastifyInstance, ctx: Context): void {
  const audit = staffGuard(ctx, 'audit');

  app.get('/admin/audit', { preHandler: audit }, async (request, reply) => {
    const q = parseInput(auditQuery, request.query);
    await recordAuditAlone(ctx, actorFor(request), { action: 'audit.viewed', details: { filter: q } });
    const result = await searchAudit(ctx.db, { ...utcRange(q), page: q.page, pageSize: 50 });
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

  app.get('/admin/audit/export.csv', { preHandler: audit }, async (request, reply) => {
    const q = parseInput(auditQuery, request.query);
    await recordAuditAlone(ctx, actorFor(request), { action: 'audit.exported', details: { filter: q } });
    const header = [
      '序号',
      '时间(UTC)',
      '操作人',
      '角色',
      '机构',
      '来源IP',
      '操作',
      '操作代码',
      '对象类型',
      '对象',
      '结果',
      '请求号',
      '详情',
      'MAC',
    ];
    async function* lines() {
      yield `\ufeff${toCsvLine(header)}`;
      for await (const r of streamAudit(ctx.db, utcRange(q))) {
        yield toCsvLine([
          String(r.seq),
          r.at,
          r.actor_name,
          r.actor_role,
          r.agency_id,
          r.ip,
          auditActionLabel(r.action),
          r.action,
          r.object_type,
          r.object_id,
          r.outcome === 'success' ? '成功' : '失败',
          r.request_id,
          r.details,
          r.mac,
        ]);
      }
    }
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header(
        'content-disposition',
        `attachment; filename="audit-${new Date().toISOString().slice(0, 10)}.csv"`,
      )
      .send(Readable.from(lines()));
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
