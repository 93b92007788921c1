import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { chinaDay } from '../../core/clock';
import type { Context } from '../../core/context';
import { AppError } from '../../core/errors';
import { parseInput } from '../../core/validation';
import { type Principal, visibleAgencyIds } from '../../modules/accounts';
import {
  currentListYear,
  decomposeItem,
  getListItem,
  type ImportResult,
  importKeyTaskList,
  keyTaskProgress,
  listItems,
  listYears,
  mayManageKeyTasks,
  ownerChoices,
  taskRows,
  taskStatusLabels,
  tasksFor,
} from '../../modules/tasks';
import { sendPage } from '../http/render';
import { actorFor, adminShell, formBody, formStateFrom, principalOf, staffGuard } from './guard';
import { registerTaskActionRoutes } from './task-actions.routes';
import {
  asFormError,
  csrfFirstPart,
  readableState,
  readUploadedForm,
  statusOf,
  uploadScope,
} from './task-upload';
import type { FormState } from './views/form';
import { KeyTaskItemPage, KeyTaskListPage } from './views/task-list-pages';
import { KeyTaskTasksPage } from './views/task-pages';

// 重点工作 in the back office: the year's list (import by the district supervisor), items and their
// decomposition, the tasks by agency, and one task with evidence, progress and acceptance. Another
// agency's task is 404; the services decide every permission.

const idParams = z.object({ id: z.string().min(1).max(64) });
const yearValue = z.coerce
  .number({ message: '年度应为四位数字' })
  .int('年度应为四位数字')
  .min(2000, '年度应为四位数字')
  .max(2100, '年度应为四位数字');
const listQuery = z.object({ year: z.union([yearValue, z.literal('')]).optional() });
const tasksQuery = z.object({
  year: z.union([yearValue, z.literal('')]).optional(),
  agencyId: z.string().max(64).optional(),
  status: z
    .union([z.enum(Object.keys(taskStatusLabels) as ['late'], { message: '状态无效' }), z.literal('')])
    .optional(),
});

async function agencyChoices(ctx: Context, p: Principal) {
  const { agencies } = await ownerChoices(ctx.db);
  const visible = visibleAgencyIds(p);
  return visible === 'all' ? agencies : agencies.filter((a) => visible.includes(a.id));
}

export function registerTaskRoutes(app: FastifyInstance, ctx: Context): void {
  const staff = staffGuard(ctx, 'business');

  async function renderList(
    request: FastifyRequest,
    reply: FastifyReply,
    year: number,
    extra: { importResult?: ImportResult; importState?: FormState; status?: number } = {},
  ) {
    const p = principalOf(request);
    const years = [...new Set([year, ...(await listYears(ctx.db))])].sort((a, b) => b - a);
    const today = chinaDay(ctx.clock.now());
    const page = (
      <KeyTaskListPage
        {...adminShell(ctx, request, reply)}
        year={year}
        years={years}
        items={await listItems(ctx.db, year)}
        progress={await keyTaskProgress(ctx.db, { agencyIds: visibleAgencyIds(p), year }, today)}
        canManage={mayManageKeyTasks(p)}
        importResult={extra.importResult}
        importState={extra.importState}
      />
    );
    return sendPage(reply, page, extra.status ?? 200);
  }

  app.get('/admin/key-tasks', { preHandler: staff }, async (request, reply) => {
    const q = parseInput(listQuery, request.query);
    return renderList(request, reply, q.year || currentListYear(ctx));
  });

  uploadScope(app, (scope) => {
    scope.post(
      '/admin/key-tasks/import',
      { onRequest: staff, preValidation: csrfFirstPart(ctx.config), preHandler: scope.csrfProtection },
      async (request, reply) => {
        const p = principalOf(request);
        if (!mayManageKeyTasks(p)) throw new AppError('forbidden', '只有区政府办监管可以导入重点工作清单');
        const form = await readUploadedForm(request, ctx.config);
        try {
          const year = parseInput(z.object({ year: yearValue }), form.fields).year;
          if (!form.file)
            throw new AppError('validation', '请选择清单文件', { fields: { file: '请选择清单文件' } });
          const result = await importKeyTaskList(ctx, p, actorFor(request), form.file, year);
          return renderList(request, reply, result.year, { importResult: result });
        } catch (error) {
          const state = readableState(formStateFrom(asFormError(error), form.fields));
          return renderList(request, reply, currentListYear(ctx), {
            importState: state,
            status: statusOf(error),
          });
        }
      },
    );
  });

  app.get<{ Params: { id: string } }>(
    '/admin/key-tasks/items/:id',
    { preHandler: staff },
    async (request, reply) => {
      const { id } = parseInput(idParams, request.params);
      return renderItem(request, reply, id);
    },
  );

  async function renderItem(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    extra: { state?: FormState; notice?: string; status?: number } = {},
  ) {
    const p = principalOf(request);
    const item = await getListItem(ctx.db, id);
    const tasks = await taskRows(
      ctx.db,
      { agencyIds: visibleAgencyIds(p), itemId: id },
      chinaDay(ctx.clock.now()),
    );
    const page = (
      <KeyTaskItemPage
        {...adminShell(ctx, request, reply)}
        item={item}
        tasks={tasks}
        canManage={mayManageKeyTasks(p)}
        choices={await ownerChoices(ctx.db)}
        state={extra.state}
        notice={extra.notice}
      />
    );
    return sendPage(reply, page, extra.status ?? 200);
  }

  app.post<{ Params: { id: string } }>(
    '/admin/key-tasks/items/:id/tasks',
    { preHandler: [app.csrfProtection, staff] },
    async (request, reply) => {
      const { id } = parseInput(idParams, request.params);
      const body = formBody(request);
      try {
        const task = await decomposeItem(ctx, principalOf(request), actorFor(request), id, body);
        return renderItem(request, reply, id, {
          notice: `已分解：${task.owner_name}，完成时限 ${task.deadline_on ?? '持续推进'}`,
        });
      } catch (error) {
        return renderItem(request, reply, id, {
          state: readableState(formStateFrom(error, body)),
          status: statusOf(error),
        });
      }
    },
  );

  app.get('/admin/key-tasks/tasks', { preHandler: staff }, async (request, reply) => {
    const q = parseInput(tasksQuery, request.query);
    const p = principalOf(request);
    const filter = {
      year: q.year || currentListYear(ctx),
      agencyId: q.agencyId || undefined,
      status: q.status || undefined,
    };
    const rows = await tasksFor(ctx, p, filter);
    return sendPage(
      reply,
      <KeyTaskTasksPage
        {...adminShell(ctx, request, reply)}
        rows={rows}
        filter={filter}
        agencies={await agencyChoices(ctx, p)}
      />,
    );
  });

  registerTaskActionRoutes(app, ctx);
}
