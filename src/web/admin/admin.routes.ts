import type { FastifyInstance } from 'fastify';
import type { Context } from '../../core/context';
import { recomputeOpenCases } from '../../modules/applications';
import { registerApplicationRoutes } from './application.routes';
import { registerAttachmentRoutes } from './attachment.routes';
import { registerAuditRoutes } from './audit.routes';
import { registerAuthRoutes } from './auth.routes';
import { registerCalendarRoutes } from './calendar.routes';
import { registerContentRoutes } from './content.routes';
import { registerGapCheckRoutes } from './gap-check.routes';
import { registerInspectionRoutes } from './inspection.routes';
import { registerItemRoutes } from './item.routes';
import { registerLetterTemplateRoutes } from './letter-template.routes';
import { registerMailboxAdminRoutes } from './mailbox.routes';
import { registerManagementRoutes } from './management.routes';
import { registerOversightRoutes } from './oversight.routes';
import { registerPublishingSettingsRoutes } from './publishing-settings.routes';
import { registerReportRoutes } from './report.routes';
import { registerStaffRoutes } from './staff.routes';
import { registerSubjectRoutes } from './subjects.routes';
import { registerTaskRoutes } from './task.routes';
import { registerWordingRuleRoutes } from './wording-rules.routes';
import { registerWorkSummaryRoutes } from './work-summary.routes';

/** Every back-office route; all pages are server-rendered, every POST carries a CSRF token. */
export function registerAdminRoutes(app: FastifyInstance, ctx: Context): void {
  app.decorateRequest('principal', null);
  app.addHook('onSend', async (request, reply) => {
    if (request.url.startsWith('/admin')) reply.header('cache-control', 'no-store');
  });
  registerAuthRoutes(app, ctx);
  registerContentRoutes(app, ctx);
  registerItemRoutes(app, ctx);
  registerAttachmentRoutes(app, ctx);
  registerApplicationRoutes(app, ctx);
  registerMailboxAdminRoutes(app, ctx);
  registerManagementRoutes(app, ctx);
  registerPublishingSettingsRoutes(app, ctx);
  registerSubjectRoutes(app, ctx);
  // A calendar change recomputes every open case's due date in the same transaction (issue 4).
  registerCalendarRoutes(app, ctx, async (trx, version) => {
    await recomputeOpenCases(trx, ctx, version);
  });
  registerLetterTemplateRoutes(app, ctx);
  registerInspectionRoutes(app, ctx);
  registerWordingRuleRoutes(app, ctx);
  registerTaskRoutes(app, ctx);
  registerStaffRoutes(app, ctx);
  registerGapCheckRoutes(app, ctx);
  registerWorkSummaryRoutes(app, ctx);
  registerReportRoutes(app, ctx);
  registerOversightRoutes(app, ctx);
  registerAuditRoutes(app, ctx);
}
