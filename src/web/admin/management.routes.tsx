import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Context } from '../../core/context';
import { AppError } from '../../core/errors';
import {
  assignRoles,
  createAgency,
  createUser,
  getAgency,
  listAgencies,
  listUsers,
  resetPassword,
  resetSecondFactor,
  setUserDisabled,
  setUserEmail,
  unlockUser,
  updateAgency,
} from '../../modules/accounts';
import { summariseOutbox } from '../../modules/mail';
import { sendPage } from '../http/render';
import { actorFor, adminShell, formBody, formStateFrom, staffGuard } from './guard';
import { type FormState, formStatus } from './views/form';
import { AgenciesPage, AgencyEditPage, UserEmailPage, UsersPage } from './views/manage-pages';
import { RoleEditPage, RolesPage } from './views/roles-pages';

type IdParams = { Params: { id: string } };

/** 机构管理 and 用户管理 (system administrator), 角色授权 (security administrator). */
export function registerManagementRoutes(app: FastifyInstance, ctx: Context): void {
  const shell = (request: FastifyRequest, reply: FastifyReply) => adminShell(ctx, request, reply);
  const system = staffGuard(ctx, 'system');
  const security = staffGuard(ctx, 'security');
  const post = (guard: ReturnType<typeof staffGuard>) => ({ preHandler: [app.csrfProtection, guard] });

  const agenciesPage = async (request: FastifyRequest, reply: FastifyReply, state?: FormState) =>
    sendPage(
      reply,
      <AgenciesPage {...shell(request, reply)} agencies={await listAgencies(ctx)} state={state} />,
      formStatus(state),
    );
  app.get('/admin/agencies', { preHandler: system }, (request, reply) => agenciesPage(request, reply));
  app.post('/admin/agencies', post(system), async (request, reply) => {
    const body = formBody(request);
    try {
      await createAgency(ctx, actorFor(request), body);
      return reply.redirect('/admin/agencies', 303);
    } catch (error) {
      return agenciesPage(request, reply, formStateFrom(error, body));
    }
  });

  app.get<IdParams>('/admin/agencies/:id/edit', { preHandler: system }, async (request, reply) => {
    const agency = await getAgency(ctx, request.params.id);
    return sendPage(reply, <AgencyEditPage {...shell(request, reply)} agency={agency} />);
  });
  app.post<IdParams>('/admin/agencies/:id', post(system), async (request, reply) => {
    const body = formBody(request);
    try {
      await updateAgency(ctx, actorFor(request), request.params.id, body);
      return reply.redirect('/admin/agencies', 303);
    } catch (error) {
      const agency = await getAgency(ctx, request.params.id);
      const state = formStateFrom(error, body);
      return sendPage(
        reply,
        <AgencyEditPage {...shell(request, reply)} agency={agency} state={state} />,
        400,
      );
    }
  });

  const usersPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    extra: { state?: FormState; created?: { username: string; password: string } } = {},
  ) => {
    const [users, agencies, mail] = await Promise.all([
      listUsers(ctx),
      listAgencies(ctx),
      summariseOutbox(ctx),
    ]);
    reply.header('cache-control', 'no-store');
    return sendPage(
      reply,
      <UsersPage {...shell(request, reply)} users={users} agencies={agencies} mail={mail} {...extra} />,
      formStatus(extra.state),
    );
  };
  app.get('/admin/users', { preHandler: system }, (request, reply) => usersPage(request, reply));
  app.post('/admin/users', post(system), async (request, reply) => {
    const body = formBody(request);
    try {
      const { user, initialPassword } = await createUser(ctx, actorFor(request), {
        username: body.username,
        displayName: body.displayName,
      });
      return usersPage(request, reply, { created: { username: user.username, password: initialPassword } });
    } catch (error) {
      return usersPage(request, reply, { state: formStateFrom(error, body) });
    }
  });
  app.post<IdParams>('/admin/users/:id/disable', post(system), async (request, reply) => {
    await setUserDisabled(ctx, actorFor(request), request.params.id, true);
    return reply.redirect('/admin/users', 303);
  });
  app.post<IdParams>('/admin/users/:id/enable', post(system), async (request, reply) => {
    await setUserDisabled(ctx, actorFor(request), request.params.id, false);
    return reply.redirect('/admin/users', 303);
  });
  app.post<IdParams>('/admin/users/:id/unlock', post(system), async (request, reply) => {
    await unlockUser(ctx, actorFor(request), request.params.id);
    return reply.redirect('/admin/users', 303);
  });
  app.post<IdParams>('/admin/users/:id/reset-2fa', post(system), async (request, reply) => {
    await resetSecondFactor(ctx, actorFor(request), request.params.id);
    return reply.redirect('/admin/users', 303);
  });
  app.post<IdParams>('/admin/users/:id/reset-password', post(system), async (request, reply) => {
    const password = await resetPassword(ctx, actorFor(request), request.params.id);
    const users = await listUsers(ctx);
    const username = users.find((u) => u.id === request.params.id)?.username ?? '';
    return usersPage(request, reply, { created: { username, password } });
  });

  const userEmailPage = async (request: FastifyRequest<IdParams>, reply: FastifyReply, state?: FormState) => {
    const user = (await listUsers(ctx)).find((u) => u.id === request.params.id);
    if (!user) throw new AppError('not_found', '用户不存在');
    return sendPage(
      reply,
      <UserEmailPage {...shell(request, reply)} user={user} state={state} />,
      formStatus(state),
    );
  };
  app.get<IdParams>('/admin/users/:id/email', { preHandler: system }, (request, reply) =>
    userEmailPage(request, reply),
  );
  app.post<IdParams>('/admin/users/:id/email', post(system), async (request, reply) => {
    const body = formBody(request);
    try {
      await setUserEmail(ctx, actorFor(request), request.params.id, { email: body.email });
      return reply.redirect('/admin/users', 303);
    } catch (error) {
      return userEmailPage(request, reply, formStateFrom(error, body));
    }
  });

  app.get('/admin/roles', { preHandler: security }, async (request, reply) => {
    const [users, agencies] = await Promise.all([listUsers(ctx), listAgencies(ctx)]);
    return sendPage(reply, <RolesPage {...shell(request, reply)} users={users} agencies={agencies} />);
  });

  const roleEditPage = async (request: FastifyRequest<IdParams>, reply: FastifyReply, state?: FormState) => {
    const [users, agencies] = await Promise.all([listUsers(ctx), listAgencies(ctx)]);
    const user = users.find((u) => u.id === request.params.id);
    if (!user) throw new AppError('not_found', '用户不存在');
    return sendPage(
      reply,
      <RoleEditPage {...shell(request, reply)} user={user} agencies={agencies} state={state} />,
      formStatus(state),
    );
  };
  app.get<IdParams>('/admin/roles/:id', { preHandler: security }, (request, reply) =>
    roleEditPage(request, reply),
  );
  app.post<IdParams>('/admin/roles/:id', post(security), async (request, reply) => {
    const body = formBody(request);
    try {
      const ticked = [body.grant ?? []].flat().map(String);
      const grants = ticked.map((value) => {
        const [agencyId, role] = value.split(':');
        return { agencyId, role };
      });
      await assignRoles(ctx, actorFor(request), request.params.id, {
        adminRole: body.adminRole || null,
        grants,
      });
      return reply.redirect('/admin/roles', 303);
    } catch (error) {
      return roleEditPage(request, reply, formStateFrom(error, {}));
    }
  });
}
