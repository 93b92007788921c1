import { isRefusalLetter, PLACEHOLDERS, type StoredLetterTemplate } from '../../../modules/applications';
import { ActionButton, Field, type FormState, PostForm, TextAreaField } from './form';
import { AdminLayout, type AdminShell } from './layout';
import { Table } from './table';

/** The URL of an agency's template list, or of one template under it. */
export function letterTemplateUrl(agencyId: string, key?: string): string {
  const base = `/admin/letter-templates/${encodeURIComponent(agencyId)}`;
  return key ? `${base}/${encodeURIComponent(key)}` : base;
}

/** Which agency's letters to edit, for someone who edits more than one. */
export function LetterTemplateAgenciesPage(props: AdminShell & { agencies: { id: string; name: string }[] }) {
  return (
    <AdminLayout {...props} title="文书模板">
      <p class="hint">请选择要修改文书模板的机关。</p>
      <ul>
        {props.agencies.map((a) => (
          <li>
            <a href={letterTemplateUrl(a.id)}>{a.name}</a>
          </li>
        ))}
      </ul>
    </AdminLayout>
  );
}

/** Every letter kind of an agency, whether it uses its own wording, with links to edit. */
export function LetterTemplateListPage(
  props: AdminShell & { agencyId: string; agencyName: string; templates: StoredLetterTemplate[] },
) {
  return (
    <AdminLayout {...props} title={`文书模板 · ${props.agencyName}`}>
      <p class="hint">
        依申请公开各类文书按模板生成 Word 文件（GB/T 9704
        公文格式）。未修改的文书使用系统默认文本；修改后仅对本机关生效，可随时恢复默认。
      </p>
      <Table caption="文书列表" columns={['文书', '标题', '状态', '操作']}>
        {props.templates.map((t) => (
          <tr>
            <td>{t.name}</td>
            <td>{t.title}</td>
            <td class="nowrap">{t.overridden ? `已修改（${t.updatedAt?.slice(0, 10) ?? ''}）` : '默认'}</td>
            <td class="nowrap">
              <a href={letterTemplateUrl(props.agencyId, t.key)}>
                修改<span class="visually-hidden">{t.name}</span>
              </a>
            </td>
          </tr>
        ))}
      </Table>
    </AdminLayout>
  );
}

function PlaceholderList() {
  return (
    <Table caption="可用的占位符（在标题或正文中写作 {{名称}}）" columns={['占位符', '含义']}>
      {PLACEHOLDERS.map((p) => (
        <tr>
          <td class="nowrap">
            <code>{`{{${p.name}}}`}</code>
          </td>
          <td>{p.label}</td>
        </tr>
      ))}
    </Table>
  );
}

/** The edit form of one template: title, body, the placeholder list, preview and reset. */
export function LetterTemplateEditPage(
  props: AdminShell & {
    agencyId: string;
    agencyName: string;
    template: StoredLetterTemplate;
    defaults: { title: string; body: string };
    state: FormState;
  },
) {
  const url = letterTemplateUrl(props.agencyId, props.template.key);
  return (
    <AdminLayout {...props} title={`${props.template.name} · ${props.agencyName}`}>
      <p>
        <a href={letterTemplateUrl(props.agencyId)}>返回文书列表</a>
      </p>
      <p class="hint">
        正文每行一段，生成时自动首行缩进二字；称呼（申请人或被征求意见方）、发文字号、落款和成文日期由系统生成。
        {isRefusalLetter(props.template.key) &&
          '本文书属于不予公开或不予处理等答复，行政复议和行政诉讼的救济途径段落由系统自动附在正文末尾，无须写入模板。'}
      </p>
      <PostForm action={url} csrf={props.csrf} state={props.state} label="修改文书模板">
        <Field name="title" label="标题" state={props.state} required />
        <TextAreaField name="body" label="正文" rows={16} state={props.state} />
        <button type="submit">保存</button>{' '}
        <button type="submit" class="secondary" formAction={`${url}/preview`}>
          预览（下载示例 Word 文件）
        </button>
      </PostForm>
      {props.template.overridden && (
        <ActionButton action={`${url}/reset`} csrf={props.csrf} label="恢复默认文本" />
      )}
      <PlaceholderList />
      <details>
        <summary>系统默认文本</summary>
        <p>{props.defaults.title}</p>
        <pre class="letter-default">{props.defaults.body}</pre>
      </details>
    </AdminLayout>
  );
}
