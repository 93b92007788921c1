import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { chinaDay } from '../../core/clock';
import type { Context } from '../../core/context';
import { parseInput } from '../../core/validation';
import type { Principal } from '../../modules/accounts';
import {
  acceptTask,
  addEvidenceFile,
  evidenceOf,
  getKeyTask,
  getListItem,
  linkEvidenceItem,
  mayReviewTask,
  mayWorkOnTask,
  openEvidenceFile,
  publishedItemsOf,
  removeEvidence,
  reportProgress,
  requireEvidenceEditable,
  returnTask,
  submitTask,
  taskEvents,
  taskStatusOf,
} from '../../modules/tasks';
import { sendDownload } from '../http/download';
import { sendPage } from '../http/render';
import { actorFor, adminShell, formBody, formStateFrom, principalOf, staffGuard } from './guard';
import { asFormError, csrfFirstPart, readUploadedForm, statusOf, uploadScope } from './task-upload';
import type { FormState } from './views/form';
import { type FormKey, KeyTaskPage, type TaskPageData } from './views/task-pages';

// One key task in the back office: its page with evidence, progress, submission, acceptance or return,
// and the evidence upload and download. Another agency's task is 404; the services decide permissions.

const idParams = z.object({ id: z.string().min(1).max(64) });
const evidenceParams = z.object({ id: z.string().min(1).max(64), evidenceId: z.string().min(1).max(64) });

async function taskPageData(ctx: Context, p: Principal, id: string): Promise<TaskPageData> {
  const task = await getKeyTask(ctx, p, id);
  const [item, agency, evidence, events] = await Promise.all([
    getListItem(ctx.db, task.item_id),
    ctx.db.selectFrom('agencies').select('name').where('id', '=', task.agency_id).executeTakeFirstOrThrow(),
    evidenceOf(ctx, task.id),
    taskEvents(ctx.db, task.id),
  ]);
  const work = mayWorkOnTask(p, task);
  const editEvidence = work && (task.state === 'open' || task.state === 'returned');
  return {
    task,
    item,
    agencyName: agency.name,
    status: taskStatusOf(task, evidence.length, chinaDay(ctx.clock.now())),
    evidence,
    events,
    publishedItems: editEvidence ? await publishedItemsOf(ctx.db, task.agency_id) : [],
    can: {
      work,
      editEvidence,
      submit: editEvidence && evidence.length > 0,
      review: task.state === 'submitted' && mayReviewTask(p, task),
    },
    maxFileMb: Math.round(ctx.config.attachments.maxFileBytes / 1_048_576),
  };
}

/** The task page, its actions and its evidence files. */
export function registerTaskActionRoutes(app: FastifyInstance, ctx: Context): void {
  const staff = staffGuard(ctx, 'business');

  async function renderTask(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    extra: { state?: FormState; form?: FormKey; notice?: string; ok?: boolean; status?: number } = {},
  ) {
    const data = await taskPageData(ctx, principalOf(request), id);
    const page = (
      <KeyTaskPage
        {...adminShell(ctx, request, reply)}
        data={data}
        state={extra.state}
        form={extra.form}
        notice={extra.notice}
        ok={extra.ok}
      />
    );
    return sendPage(reply, page, extra.status ?? 200);
  }

  // One task action: success re-renders the page with a notice; a refusal of a form's input shows on
  // that form (its message the fields' own messages), any other refusal as the page's alert.
  async function act(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    values: Record<string, unknown>,
    form: FormKey | undefined,
    work: () => Promise<string>,
  ) {
    try {
      const notice = await work();
      return renderTask(request, reply, id, { notice, ok: true });
    } catch (error) {
      const state = formStateFrom(asFormError(error), values);
      const status = statusOf(error);
      const fields = Object.values(state.errors ?? {});
      if (!form || fields.length === 0)
        return renderTask(request, reply, id, { notice: state.message, ok: false, status });
      return renderTask(request, reply, id, {
        state: { ...state, message: fields.join('；') },
        form,
        status,
      });
    }
  }

  uploadScope(app, (scope) => {
    scope.post<{ Params: { id: string } }>(
      '/admin/key-tasks/tasks/:id/evidence',
      { onRequest: staff, preValidation: csrfFirstPart(ctx.config), preHandler: scope.csrfProtection },
      async (request, reply) => {
        const { id } = parseInput(idParams, request.params);
        const p = principalOf(request);
        const task = await getKeyTask(ctx, p, id);
        requireEvidenceEditable(p, task); // before up to 20 MB of upload is read for someone who may not add it
        const form = await readUploadedForm(request, ctx.config);
        return act(request, reply, id, form.fields, 'upload', async () => {
          await addEvidenceFile(ctx, p, actorFor(request), task, form.file);
          return '已上传佐证材料';
        });
      },
    );
  });

  app.get<{ Params: { id: string } }>(
    '/admin/key-tasks/tasks/:id',
    { preHandler: staff },
    async (request, reply) => {
      const { id } = parseInput(idParams, request.params);
      return renderTask(request, reply, id);
    },
  );

  const taskAction = (
    path: string,
    form: FormKey | undefined,
    run: (
      p: Principal,
      request: FastifyRequest,
      id: string,
      body: Record<string, unknown>,
    ) => Promise<string>,
  ) =>
    app.post<{ Params: { id: string } }>(
      `/admin/key-tasks/tasks/:id/${path}`,
      { preHandler: [app.csrfProtection, staff] },
      async (request, reply) => {
        const { id } = parseInput(idParams, request.params);
        const body = formBody(request);
        const p = principalOf(request);
        await getKeyTask(ctx, p, id); // another agency's task: 404 before anything else
        return act(request, reply, id, body, form, () => run(p, request, id, body));
      },
    );

  const load = (p: Principal, id: string) => getKeyTask(ctx, p, id);
  taskAction('progress', 'progress', async (p, r, id, body) => {
    await reportProgress(ctx, p, actorFor(r), await load(p, id), body);
    return '已保存进展';
  });
  taskAction('evidence/link', 'link', async (p, r, id, body) => {
    await linkEvidenceItem(ctx, p, actorFor(r), await load(p, id), body);
    return '已关联已发布信息';
  });
  taskAction('submit', undefined, async (p, r, id) => {
    await submitTask(ctx, p, actorFor(r), await load(p, id));
    return '已提交验收';
  });
  taskAction('accept', undefined, async (p, r, id) => {
    await acceptTask(ctx, p, actorFor(r), await load(p, id));
    return '验收通过，任务已完成';
  });
  taskAction('return', 'return', async (p, r, id, body) => {
    await returnTask(ctx, p, actorFor(r), await load(p, id), body);
    return '已退回';
  });

  app.post<{ Params: { id: string; evidenceId: string } }>(
    '/admin/key-tasks/tasks/:id/evidence/:evidenceId/delete',
    { preHandler: [app.csrfProtection, staff] },
    async (request, reply) => {
      const { id, evidenceId } = parseInput(evidenceParams, request.params);
      const p = principalOf(request);
      const task = await getKeyTask(ctx, p, id);
      return act(request, reply, id, {}, undefined, async () => {
        await removeEvidence(ctx, p, actorFor(request), task, evidenceId);
        return '已删除佐证材料';
      });
    },
  );

  app.get<{ Params: { id: string; evidenceId: string } }>(
    '/admin/key-tasks/tasks/:id/evidence/:evidenceId',
    { preHandler: staff },
    async (request, reply) => {
      const { id, evidenceId } = parseInput(evidenceParams, request.params);
      const file = await openEvidenceFile(ctx, principalOf(request), id, evidenceId);
      return sendDownload(reply, { fileName: file.name, type: file.type, body: file.body });
    },
  );
}
