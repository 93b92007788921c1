import type { Agency } from '../../../db/schema';
import { businessRoles, roleLabels } from '../../../modules/accounts';
import type { FormState } from './form';
import { AdminLayout, type AdminShell } from './layout';
import { grantText, type UserRow } from './manage-pages';
import { Table } from './table';

type Props = AdminShell & { state?: FormState };

/** 角色授权 (security administrator): every account and its roles. */
export function RolesPage(props: Props & { users: UserRow[]; agencies: Agency[] }) {
  return (
    <AdminLayout {...props} title="角色授权">
      <p class="hint">
        系统管理员、安全管理员、审计管理员三者互斥，且不能兼任业务角色（等保三级“三权分立”）。账户由系统管理员创建。
      </p>
      <Table caption="账户与角色" columns={['用户', '当前角色', '操作']}>
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
      </Table>
    </AdminLayout>
  );
}

/** One account's roles: an administrator role, or business roles ticked per agency. */
export function RoleEditPage(props: Props & { user: UserRow; agencies: Agency[] }) {
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
