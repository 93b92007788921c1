import type { AgencyTable } from '../../../db/schema';
import { type BusinessRole, businessRoles, roleLabels } from '../../../modules/accounts';
import { formatDateTime } from '../../portal/views/item-list';
import { ActionButton, Field, type FormState, PostForm } from './form';
import { AdminLayout, type AdminShell } from './layout';

type Props = AdminShell & { state?: FormState };

export interface UserRow {
  id: string;
  username: string;
  display_name: string;
  admin_role: string | null;
  disabled: number;
  locked_until: string | null;
  last_login_at: string | null;
  mfaEnrolled: boolean;
  grants: { agencyId: string; role: BusinessRole }[];
}

function grantText(user: UserRow, agencies: AgencyTable[]): string {
  if (user.admin_role) return roleLabels[user.admin_role as 'system'];
  const names = user.grants.map(
    (g) => `${agencies.find((a) => a.id === g.agencyId)?.short_name ?? '?'}·${roleLabels[g.role]}`,
  );
  return names.join('；') || '未授权';
}

/** 机构管理 (system administrator). */
export function AgenciesPage(props: Props & { agencies: AgencyTable[] }) {
  return (
    <AdminLayout {...props} title="机构管理">
      <table>
        <caption>本平台的区级机构和部门</caption>
        <thead>
          <tr>
            <th scope="col">名称</th>
            <th scope="col">简称</th>
            <th scope="col">代码</th>
            <th scope="col">类型</th>
            <th scope="col">统一社会信用代码</th>
            <th scope="col">操作</th>
          </tr>
        </thead>
        <tbody>
          {props.agencies.map((a) => (
            <tr>
              <td>{a.name}</td>
              <td>{a.short_name}</td>
              <td>{a.code}</td>
              <td>{a.kind === 'district' ? '区级' : '部门'}</td>
              <td>{a.uscc ?? '—'}</td>
              <td>
                <a href={`/admin/agencies/${a.id}/edit`}>修改</a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
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
export function AgencyEditPage(props: Props & { agency: AgencyTable }) {
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
    agencies: AgencyTable[];
    created?: { username: string; password: string };
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
      <table>
        <caption>全部账户（角色由安全管理员授予）</caption>
        <thead>
          <tr>
            <th scope="col">用户名</th>
            <th scope="col">姓名</th>
            <th scope="col">角色</th>
            <th scope="col">状态</th>
            <th scope="col">最近登录</th>
            <th scope="col">操作</th>
          </tr>
        </thead>
        <tbody>
          {props.users.map((u) => (
            <tr>
              <td>{u.username}</td>
              <td>{u.display_name}</td>
              <td>{grantText(u, props.agencies)}</td>
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
        </tbody>
      </table>
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
    </AdminLayout>
  );
}

/** 角色授权 (security administrator): every account and its roles. */
export function RolesPage(props: Props & { users: UserRow[]; agencies: AgencyTable[] }) {
  return (
    <AdminLayout {...props} title="角色授权">
      <p class="hint">
        系统管理员、安全管理员、审计管理员三者互斥，且不能兼任业务角色（等保三级“三权分立”）。账户由系统管理员创建。
      </p>
      <table>
        <caption>账户与角色</caption>
        <thead>
          <tr>
            <th scope="col">用户</th>
            <th scope="col">当前角色</th>
            <th scope="col">操作</th>
          </tr>
        </thead>
        <tbody>
          {props.users.map((u) => (
            <tr>
              <td>
                {u.display_name}（{u.username}）
              </td>
              <td>{grantText(u, props.agencies)}</td>
              <td>
                <a href={`/admin/roles/${u.id}`}>授权</a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </AdminLayout>
  );
}

/** One account's roles: an administrator role, or business roles ticked per agency. */
export function RoleEditPage(props: Props & { user: UserRow; agencies: AgencyTable[] }) {
  const { user } = props;
  const held = new Set(user.grants.map((g) => `${g.agencyId}:${g.role}`));
  const error = props.state?.message;
  return (
    <AdminLayout {...props} title={`授权：${user.display_name}（${user.username}）`}>
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
      <form method="post" action={`/admin/roles/${user.id}`} class="form wide" aria-label="授权">
        <input type="hidden" name="_csrf" value={props.csrf} />
        <fieldset>
          <legend>管理员角色（三者只能选一，且不能兼任业务角色）</legend>
          {(
            [
              ['', '无'],
              ['system', roleLabels.system],
              ['security', roleLabels.security],
              ['audit', roleLabels.audit],
            ] as const
          ).map(([value, label]) => (
            <label class="choice">
              <input
                type="radio"
                name="adminRole"
                value={value}
                checked={(user.admin_role ?? '') === value}
              />{' '}
              {label}
            </label>
          ))}
        </fieldset>
        <table>
          <caption>业务角色（按机构勾选）</caption>
          <thead>
            <tr>
              <th scope="col">机构</th>
              {businessRoles.map((r) => (
                <th scope="col">{roleLabels[r]}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {props.agencies.map((a) => (
              <tr>
                <th scope="row">{a.name}</th>
                {businessRoles.map((r) =>
                  r === 'supervisor' && a.kind !== 'district' ? (
                    <td>—</td>
                  ) : (
                    <td>
                      <input
                        type="checkbox"
                        name="grant"
                        value={`${a.id}:${r}`}
                        checked={held.has(`${a.id}:${r}`)}
                        aria-label={`${a.short_name} ${roleLabels[r]}`}
                      />
                    </td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
        <button type="submit">保存授权</button> <a href="/admin/roles">返回</a>
      </form>
    </AdminLayout>
  );
}
