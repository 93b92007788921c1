import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Context } from '../../core/context';
import { parseInput } from '../../core/validation';
import { type Principal, visibleAgencyIds } from '../../modules/accounts';
import {
  addMeeting,
  addStaff,
  addTraining,
  getStaff,
  listMeetings,
  listStaff,
  openMeetingFile,
  ownerChoices,
  staffLeft,
} from '../../modules/tasks';
import { sendDownload } from '../http/download';
import { sendPage } from '../http/render';
import { actorFor, adminShell, formBody, formStateFrom, principalOf, staffGuard } from './guard';
import {
  asFormError,
  csrfFirstPart,
  readableState,
  readUploadedForm,
  statusOf,
  uploadScope,
} from './task-upload';
import type { FormState } from './views/form';
import { MeetingsPage, StaffListPage, StaffPersonPage } from './views/staff-pages';

// 专职人员, 培训 and 信息员例会 in the back office. Each agency keeps its own; the supervisor sees all.

const idParams = z.object({ id: z.string().min(1).max(64) });
type Extra = { state?: FormState; notice?: string; status?: number };

async function agencyChoices(ctx: Context, p: Principal) {
  const { agencies } = await ownerChoices(ctx.db);
  const visible = visibleAgencyIds(p);
  return visible === 'all' ? agencies : agencies.filter((a) => visible.includes(a.id));
}

/** The roster, training and meeting routes. */
export function registerStaffRoutes(app: FastifyInstance, ctx: Context): void {
  const staff = staffGuard(ctx, 'business');

  async function renderRoster(request: FastifyRequest, reply: FastifyReply, extra: Extra = {}) {
    const p = principalOf(request);
    const page = (
      <StaffListPage
        {...adminShell(ctx, request, reply)}
        rows={await listStaff(ctx, p)}
        agencies={await agencyChoices(ctx, p)}
        state={extra.state}
        notice={extra.notice}
      />
    );
    return sendPage(reply, page, extra.status ?? 200);
  }

  async function renderPerson(request: FastifyRequest, reply: FastifyReply, id: string, extra: Extra = {}) {
    const { person, trainings } = await getStaff(ctx, principalOf(request), id);
    const page = (
      <StaffPersonPage
        {...adminShell(ctx, request, reply)}
        person={person}
        trainings={trainings}
        state={extra.state}
        notice={extra.notice}
      />
    );
    return sendPage(reply, page, extra.status ?? 200);
  }

  async function renderMeetings(request: FastifyRequest, reply: FastifyReply, extra: Extra = {}) {
    const p = principalOf(request);
    const page = (
      <MeetingsPage
        {...adminShell(ctx, request, reply)}
        rows={await listMeetings(ctx, p)}
        agencies={await agencyChoices(ctx, p)}
        maxFileMb={Math.round(ctx.config.attachments.maxFileBytes / 1_048_576)}
        state={extra.state}
        notice={extra.notice}
      />
    );
    return sendPage(reply, page, extra.status ?? 200);
  }

  app.get('/admin/staff', { preHandler: staff }, (request, reply) => renderRoster(request, reply));

  app.post('/admin/staff', { preHandler: [app.csrfProtection, staff] }, async (request, reply) => {
    const body = formBody(request);
    try {
      const person = await addStaff(ctx, principalOf(request), actorFor(request), body);
      return renderRoster(request, reply, { notice: `已登记：${person.name}` });
    } catch (error) {
      return renderRoster(request, reply, {
        state: readableState(formStateFrom(error, body)),
        status: statusOf(error),
      });
    }
  });

  app.get('/admin/staff/meetings', { preHandler: staff }, (request, reply) => renderMeetings(request, reply));

  uploadScope(app, (scope) => {
    scope.post(
      '/admin/staff/meetings',
      { onRequest: staff, preValidation: csrfFirstPart(ctx.config), preHandler: scope.csrfProtection },
      async (request, reply) => {
        const form = await readUploadedForm(request, ctx.config);
        try {
          const m = await addMeeting(
            ctx,
            principalOf(request),
            actorFor(request),
            form.fields,
            form.file ?? undefined,
          );
          return renderMeetings(request, reply, { notice: `已登记 ${m.held_on} 的例会` });
        } catch (error) {
          const state = readableState(formStateFrom(asFormError(error), form.fields));
          return renderMeetings(request, reply, { state, status: statusOf(error) });
        }
      },
    );
  });

  app.get<{ Params: { id: string } }>(
    '/admin/staff/meetings/:id/file',
    { preHandler: staff },
    async (request, reply) => {
      const { id } = parseInput(idParams, request.params);
      const file = await openMeetingFile(ctx, principalOf(request), id);
      return sendDownload(reply, { fileName: file.name, type: file.type, body: file.body });
    },
  );

  app.get<{ Params: { id: string } }>('/admin/staff/:id', { preHandler: staff }, async (request, reply) => {
    const { id } = parseInput(idParams, request.params);
    return renderPerson(request, reply, id);
  });

  app.post<{ Params: { id: string } }>(
    '/admin/staff/:id/trainings',
    { preHandler: [app.csrfProtection, staff] },
    async (request, reply) => {
      const { id } = parseInput(idParams, request.params);
      const body = formBody(request);
      try {
        const t = await addTraining(ctx, principalOf(request), actorFor(request), id, body);
        return renderPerson(request, reply, id, { notice: `已登记培训：${t.title}` });
      } catch (error) {
        return renderPerson(request, reply, id, {
          state: readableState(formStateFrom(error, body)),
          status: statusOf(error),
        });
      }
    },
  );

  app.post<{ Params: { id: string } }>(
    '/admin/staff/:id/left',
    { preHandler: [app.csrfProtection, staff] },
    async (request, reply) => {
      const { id } = parseInput(idParams, request.params);
      await staffLeft(ctx, principalOf(request), actorFor(request), id);
      return renderPerson(request, reply, id, { notice: '已登记离岗' });
    },
  );
}
