import type { Agency } from '../../../db/schema';
import { type BusinessRole, roleLabels } from '../../../modules/accounts';
import type { OutboxSummary } from '../../../modules/mail';
import { formatDateTime } from '../../portal/views/item-list';
import { ActionButton, Field, type FormState, PostForm } from './form';
import { AdminLayout, type AdminShell } from './layout';
import { MailQueueStatus } from './mail-queue-status';
import { Table } from './table';

type Props = AdminShell & { state?: FormState };

export interface UserRow {
  id: string;
  username: string;
  display_name: string;
  admin_role: string | null;
  disabled: number;
  locked_until: string | null;
  last_login_at: string | null;
  email: string | null;
  mfaEnrolled: boolean;
  grants: { agencyId: string; role: BusinessRole }[];
}

/** A user's roles in one line: the administrator role, or each agency and role. */
export function grantText(user: UserRow, agencies: Agency[]): string {
  if (user.admin_role) return roleLabels[user.admin_role as 'system'];
  const names = user.grants.map(
    (g) => `${agencies.find((a) => a.id === g.agencyId)?.short_name ?? '?'}·${roleLabels[g.role]}`,
  );
  return names.join('；') || '未授权';
}

/** 机构管理 (system administrator). */
export function AgenciesPage(props: Props & { agencies: Agency[] }) {
  return (
    <AdminLayout {...props} title="机构管理">
      <Table
        caption="本平台的区级机构和部门"
        columns={['名称', '简称', '代码', '类型', '统一社会信用代码', '操作']}
      >
        {props.agencies.map((a) => (
          <tr>
            <td>{a.name}</td>
            <td>{a.short_name}</td>
            <td>{a.code}</td>
            <td>{a.kind === 'district' ? '区级' : '部门'}</td>
            <td>{a.uscc ?? '—'}</td>
            <td>
              <a href={`/admin/agencies/${a.id}/edit`}>修改</a>　
              <a href={`/admin/agencies/${a.id}/publishing`}>发布设置</a>
            </td>
          </tr>
        ))}
      </Table>
      <h2>新增机构</h2>
      <PostForm action="/admin/agencies" csrf={props.csrf} state={props.state} label="新增机构">
        <Field name="name" label="机构全称" required state={props.state} />
        <Field name="shortName" label="简称" required state={props.state} />
        <Field
          name="code"
          label="机构代码（网址用）"
          hint="小写字母、数字或连字符，如 jxj"
          required
          state={props.state}
        />
        <Field name="uscc" label="统一社会信用代码" hint="18 位，可留空" state={props.state} />
        <Field name="contact" label="联系方式" state={props.state} />
        <input type="hidden" name="kind" value="department" />
        <button type="submit">新增部门</button>
      </PostForm>
    </AdminLayout>
  );
}

/** Editing one agency's names, code and contact. */
export function AgencyEditPage(props: Props & { agency: Agency }) {
  const a = props.agency;
  const state = props.state ?? {
    values: {
      name: a.name,
      shortName: a.short_name,
      code: a.code,
      uscc: a.uscc ?? '',
      contact: a.contact ?? '',
    },
  };
  return (
    <AdminLayout {...props} title={`修改机构：${a.name}`}>
      <PostForm action={`/admin/agencies/${a.id}`} csrf={props.csrf} state={state} label="修改机构">
        <Field name="name" label="机构全称" required state={state} />
        <Field name="shortName" label="简称" required state={state} />
        <Field name="code" label="机构代码（网址用）" required state={state} />
        <Field name="uscc" label="统一社会信用代码" hint="18 位，可留空" state={state} />
        <Field name="contact" label="联系方式" state={state} />
        <button type="submit">保存</button>
      </PostForm>
      <p>
        <a href="/admin/agencies">返回机构列表</a>
      </p>
    </AdminLayout>
  );
}

/** 用户管理 (system administrator): create, disable, unlock, reset. */
export function UsersPage(
  props: Props & {
    users: UserRow[];
    agencies: Agency[];
    created?: { username: string; password: string };
    mail: OutboxSummary;
  },
) {
  return (
    <AdminLayout {...props} title="用户管理">
      {props.created && (
        <p class="notice" role="status">
          已为 <strong>{props.created.username}</strong> 设置初始密码 <code>{props.created.password}</code>
          ，请当面或经安全渠道告知本人；首次登录须修改密码并绑定动态口令。本密码只显示这一次。
        </p>
      )}
      <Table
        caption="全部账户（角色由安全管理员授予）"
        columns={['用户名', '姓名', '角色', '电子邮箱', '状态', '最近登录', '操作']}
      >
        {props.users.map((u) => (
          <tr>
            <td>{u.username}</td>
            <td>{u.display_name}</td>
            <td>{grantText(u, props.agencies)}</td>
            <td>
              {u.email ?? '—'}{' '}
              <a href={`/admin/users/${u.id}/email`} aria-label={`设置 ${u.username} 的电子邮箱`}>
                设置
              </a>
            </td>
            <td>
              {u.disabled
                ? '已停用'
                : u.locked_until && u.locked_until > new Date().toISOString()
                  ? '已锁定'
                  : '正常'}
              {u.mfaEnrolled ? '' : '（未绑定动态口令）'}
            </td>
            <td>{formatDateTime(u.last_login_at) || '—'}</td>
            <td class="actions">
              {u.disabled ? (
                <ActionButton action={`/admin/users/${u.id}/enable`} csrf={props.csrf} label="启用" />
              ) : (
                <ActionButton action={`/admin/users/${u.id}/disable`} csrf={props.csrf} label="停用" />
              )}
              {u.locked_until && u.locked_until > new Date().toISOString() && (
                <ActionButton action={`/admin/users/${u.id}/unlock`} csrf={props.csrf} label="解锁" />
              )}
              <ActionButton
                action={`/admin/users/${u.id}/reset-password`}
                csrf={props.csrf}
                label="重置密码"
              />
              <ActionButton
                action={`/admin/users/${u.id}/reset-2fa`}
                csrf={props.csrf}
                label="重置动态口令"
              />
            </td>
          </tr>
        ))}
      </Table>
      <h2>新建账户</h2>
      <PostForm action="/admin/users" csrf={props.csrf} state={props.state} label="新建账户">
        <Field
          name="username"
          label="用户名"
          hint="3–32 位字母、数字、点、下划线或连字符"
          required
          state={props.state}
        />
        <Field name="displayName" label="姓名" required state={props.state} />
        <button type="submit">新建账户</button>
      </PostForm>
      <MailQueueStatus summary={props.mail} />
    </AdminLayout>
  );
}

/** Setting one user's e-mail address, where reminders go (empty clears it). */
export function UserEmailPage(props: Props & { user: UserRow }) {
  const u = props.user;
  const state = props.state ?? { values: { email: u.email ?? '' } };
  return (
    <AdminLayout {...props} title={`设置电子邮箱：${u.display_name}（${u.username}）`}>
      <PostForm action={`/admin/users/${u.id}/email`} csrf={props.csrf} state={state} label="设置电子邮箱">
        <Field
          name="email"
          label="电子邮箱"
          type="email"
          autocomplete="off"
          hint="用于接收规范性文件到期等提醒；留空则不发送"
          state={state}
        />
        <button type="submit">保存</button>
      </PostForm>
      <p>
        <a href="/admin/users">返回用户列表</a>
      </p>
    </AdminLayout>
  );
}
