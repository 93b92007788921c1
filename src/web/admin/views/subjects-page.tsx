import type { SubjectNode } from '../../../modules/documents';
import type { FormState } from './form';
import { AdminLayout, type AdminShell } from './layout';

function RenameForm(props: { id: string; name: string; csrf: string }) {
  return (
    <form method="post" action={`/admin/subjects/${props.id}`} class="inline-form">
      <input type="hidden" name="_csrf" value={props.csrf} />
      <input name="name" value={props.name} aria-label={`${props.name} 的新名称`} />
      <button type="submit" class="small">
        改名
      </button>
    </form>
  );
}

function AddForm(props: { parentId?: string; label: string; csrf: string }) {
  return (
    <form method="post" action="/admin/subjects" class="inline-form">
      <input type="hidden" name="_csrf" value={props.csrf} />
      {props.parentId && <input type="hidden" name="parentId" value={props.parentId} />}
      <input name="name" aria-label={props.label} placeholder={props.label} />
      <button type="submit" class="small">
        新增
      </button>
    </form>
  );
}

/** 主题分类 as editable data (system administrator): rename, add a category or a sub-category. */
export function SubjectsPage(props: AdminShell & { subjects: SubjectNode[]; state?: FormState }) {
  return (
    <AdminLayout {...props} title="主题分类">
      <p class="hint">
        两级分类，预置国务院 22 个一级分类。信息按分类编号归类，改名不影响已归类的信息；分类不可删除。
      </p>
      {props.state?.message && (
        <p class="form-error" role="alert">
          {props.state.message}
        </p>
      )}
      <AddForm label="新增一级分类" csrf={props.csrf} />
      {props.subjects.map((top) => (
        <section class="subject-group" aria-label={top.name}>
          <h2>
            <RenameForm id={top.id} name={top.name} csrf={props.csrf} />
          </h2>
          <ul>
            {top.children.map((c) => (
              <li>
                <RenameForm id={c.id} name={c.name} csrf={props.csrf} />
              </li>
            ))}
            <li>
              <AddForm parentId={top.id} label={`在“${top.name}”下新增二级分类`} csrf={props.csrf} />
            </li>
          </ul>
        </section>
      ))}
    </AdminLayout>
  );
}
