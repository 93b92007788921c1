import { type BusinessRole, roleLabels } from '../../../modules/accounts';
import { Field, type FormState, PostForm } from './form';
import { AdminLayout, type AdminShell } from './layout';

export const MAX_STEPS = 8;
const stepRoles: BusinessRole[] = ['reviewer1', 'reviewer2', 'reviewer3'];

/** 索引号 template and review chain of one agency (system administrator). */
export function PublishingSettingsPage(
  props: AdminShell & { agencyId: string; agencyName: string; state: FormState },
) {
  const s = props.state;
  return (
    <AdminLayout {...props} title={`发布设置：${props.agencyName}`}>
      <PostForm
        action={`/admin/agencies/${props.agencyId}/publishing`}
        csrf={props.csrf}
        state={s}
        label="发布设置"
      >
        <Field
          name="indexTemplate"
          label="索引号模板"
          hint="字段：{uscc} 统一社会信用代码、{code} 机构代码、{yyyy} 年、{yyyymm} 年月、{yy}、{mm}、{seq:N} N 位序号。序号按机构和年（或月）分别计数，永不重复使用。"
          state={s}
        />
        <fieldset class={s.errors?.steps ? 'field has-error' : 'field'}>
          <legend>审核链（自上而下依次审核；须依次包含初审、复审、终审，终审在最后；可增加环节）</legend>
          {s.errors?.steps && <p class="field-error">{s.errors.steps}</p>}
          <table>
            <caption class="visually-hidden">审核环节</caption>
            <thead>
              <tr>
                <th scope="col">顺序</th>
                <th scope="col">审核角色</th>
                <th scope="col">环节名称</th>
              </tr>
            </thead>
            <tbody>
              {Array.from({ length: MAX_STEPS }, (_, i) => (
                <tr>
                  <td>{i + 1}</td>
                  <td>
                    <select name={`stepRole${i}`} aria-label={`第 ${i + 1} 环节角色`}>
                      <option value="">（不设）</option>
                      {stepRoles.map((r) => (
                        <option value={r} selected={s.values?.[`stepRole${i}`] === r}>
                          {roleLabels[r]}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <input
                      name={`stepLabel${i}`}
                      value={s.values?.[`stepLabel${i}`] ?? ''}
                      aria-label={`第 ${i + 1} 环节名称`}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </fieldset>
        <button type="submit">保存发布设置</button>
      </PostForm>
      <p>
        <a href="/admin/agencies">返回机构列表</a>
      </p>
    </AdminLayout>
  );
}
