import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Context } from '../../core/context';
import { AppError } from '../../core/errors';
import { seesAllAgencies } from '../../modules/accounts';
import {
  oversightReport,
  oversightWorkbook,
  presentOversight,
  resolveOversightFilter,
} from '../../modules/oversight';
import { sendDownload } from '../http/download';
import { sendPage } from '../http/render';
import { adminShell, principalOf, staffGuard } from './guard';
import { OversightPage } from './views/oversight-page';

// 统计分析 (issue 6, district supervisor's view): for 区政府办 only — the supervisor role sees every agency;
// anyone else gets the refusal the other supervisor-only screens give.

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function requireSupervisor(request: FastifyRequest): void {
  if (!seesAllAgencies(principalOf(request)))
    throw new AppError('forbidden', '只有区政府办监管可以查看统计分析');
}

/** China local time "YYYY-MM-DD HH:mm" of an instant, for the export's 说明 sheet. */
function chinaTime(iso: string): string {
  return new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/** Registers the supervisor's view and its Excel export. */
export function registerOversightRoutes(app: FastifyInstance, ctx: Context): void {
  const staff = staffGuard(ctx, 'business');

  app.get('/admin/oversight', { preHandler: staff }, async (request, reply) => {
    requireSupervisor(request);
    const resolved = await resolveOversightFilter(ctx, request.query);
    const sections = presentOversight(await oversightReport(ctx, resolved.scope));
    return sendPage(
      reply,
      <OversightPage {...adminShell(ctx, request, reply)} resolved={resolved} sections={sections} />,
    );
  });

  app.get('/admin/oversight/export.xlsx', { preHandler: staff }, async (request, reply) => {
    requireSupervisor(request);
    const resolved = await resolveOversightFilter(ctx, request.query);
    const report = await oversightReport(ctx, resolved.scope);
    const body = await oversightWorkbook(presentOversight(report), {
      periodLabel: resolved.scope.period.label,
      agencyLabel: resolved.agencyLabel,
      generatedAt: chinaTime(report.generatedAt),
    });
    const fileName = `统计分析-${resolved.scope.period.label}-${resolved.agencyLabel}.xlsx`;
    return sendDownload(reply, { fileName, type: XLSX_TYPE, body });
  });
}
