import {
  type AllowedPhrase,
  ruleTypeLabels,
  severityLabels,
  type WordingRule,
  type WordingVersion,
} from '../../../modules/compliance';
import { ErrorSummary } from './application-pages';
import { ActionButton, Field, type FormState, PostForm, SelectField, TextAreaField } from './form';
import { AdminLayout, type AdminShell } from './layout';
import { Table } from './table';
import { inForm, severityOptions, typeOptions } from './wording-rules-form';

// 错敏词库 (issue 5): the rules with filters, the allow-list, import/export and the version history.
// Everyone with a business role may look; only the district supervisor sees the editing controls.

export interface WordingListProps {
  rules: WordingRule[];
  allowed: AllowedPhrase[];
  versions: WordingVersion[];
  filter: { type?: string | undefined; severity?: string | undefined; q?: string | undefined };
  canEdit: boolean;
  saved?: string | undefined;
  allowState?: FormState | undefined;
  importState?: FormState | undefined;
}

function validity(r: WordingRule): string {
  if (!r.validFrom && !r.validTo) return '长期';
  return `${r.validFrom ?? '…'} 至 ${r.validTo ?? '…'}`;
}

function contextText(r: WordingRule): string {
  if (!r.context) return '';
  const parts = [
    r.context.before?.length ? `前：${r.context.before.join('、')}` : '',
    r.context.after?.length ? `后：${r.context.after.join('、')}` : '',
  ];
  return parts.filter(Boolean).join('；');
}

function FilterForm(props: { filter: WordingListProps['filter'] }) {
  const state = { values: { ...props.filter } };
  return (
    <form method="get" action="/admin/wording-rules" class="filters" aria-label="筛选规则">
      <SelectField name="type" label="类型" options={typeOptions} placeholder="全部类型" state={state} />
      <SelectField
        name="severity"
        label="严重程度"
        options={severityOptions}
        placeholder="全部"
        state={state}
      />
      <Field name="q" label="搜索" hint="词语、建议、说明或标签" state={state} />
      <button type="submit">筛选</button>
    </form>
  );
}

function RuleRows(props: { rules: WordingRule[]; canEdit: boolean; csrf: string }) {
  return (
    <Table
      class="wording-rules"
      caption={`规则（${props.rules.length} 条）`}
      columns={['类型', '词语', '建议改为', '严重程度', '有效期', '语境', '说明与依据', '状态', '操作']}
    >
      {props.rules.map((r) => (
        <tr class={r.enabled ? undefined : 'muted'}>
          <td>{ruleTypeLabels[r.type]}</td>
          <td>{r.term}</td>
          <td>{r.suggestion ?? '—'}</td>
          <td>{severityLabels[r.severity]}</td>
          <td class="nowrap">{validity(r)}</td>
          <td>{contextText(r)}</td>
          <td class="explanation">
            {r.explanation}
            <br />
            <small>{`依据：${r.basis}`}</small>
            {r.source && <small>{` 来源：${r.source}`}</small>}
          </td>
          <td class="nowrap">{r.enabled ? '启用' : '已停用'}</td>
          <td class="row-actions">
            {props.canEdit && (
              <>
                <a href={`/admin/wording-rules/${encodeURIComponent(r.id)}/edit`}>修改</a>
                <ActionButton
                  action={`/admin/wording-rules/${encodeURIComponent(r.id)}/${r.enabled ? 'disable' : 'enable'}`}
                  csrf={props.csrf}
                  label={r.enabled ? '停用' : '启用'}
                />
              </>
            )}
          </td>
        </tr>
      ))}
    </Table>
  );
}

function AllowSection(props: WordingListProps & { csrf: string }) {
  return (
    <>
      <h2>白名单</h2>
      <p class="hint">白名单词语覆盖的位置不报错（如“大学生村官”中的“村官”）。</p>
      <Table caption="白名单" columns={['词语', '说明', '操作']}>
        {props.allowed.map((a) => (
          <tr>
            <td>{a.phrase}</td>
            <td>{a.note}</td>
            <td>
              {props.canEdit && (
                <ActionButton
                  action={`/admin/wording-rules/allow/${encodeURIComponent(a.id)}/delete`}
                  csrf={props.csrf}
                  label="删除"
                />
              )}
            </td>
          </tr>
        ))}
      </Table>
      {props.canEdit && (
        <PostForm
          action="/admin/wording-rules/allow"
          csrf={props.csrf}
          state={inForm(props.allowState)}
          label="加入白名单"
        >
          <Field name="phrase" label="词语" state={props.allowState} required />
          <Field name="note" label="说明" state={props.allowState} />
          <button type="submit">加入白名单</button>
        </PostForm>
      )}
    </>
  );
}

function ImportSection(props: { csrf: string; state?: FormState | undefined }) {
  return (
    <>
      <h2>导入</h2>
      <PostForm
        action="/admin/wording-rules/import"
        csrf={props.csrf}
        state={inForm(props.state)}
        label="导入规则"
      >
        <SelectField
          name="format"
          label="格式"
          options={[
            { value: 'csv', label: 'CSV（与导出的列相同）' },
            { value: 'json', label: 'JSON（与导出的格式相同）' },
          ]}
          state={props.state}
        />
        <TextAreaField
          name="content"
          label="内容"
          rows={10}
          hint="粘贴导出的 CSV 或 JSON；有编号的规则按编号更新，无编号的新增"
          state={props.state}
        />
        <button type="submit">导入</button>
      </PostForm>
    </>
  );
}

function Versions(props: { versions: WordingVersion[] }) {
  return (
    <Table caption="修改记录" columns={['版本', '时间', '操作人', '说明']}>
      {props.versions.map((v) => (
        <tr>
          <td class="nowrap">{`第 ${v.version} 版`}</td>
          <td class="nowrap">{v.changedAt.slice(0, 16).replace('T', ' ')}</td>
          <td>{v.changedBy === 'system' ? '系统' : v.changedBy}</td>
          <td>{v.summary}</td>
        </tr>
      ))}
    </Table>
  );
}

/** The dictionary screen. */
export function WordingRulesPage(props: AdminShell & WordingListProps) {
  return (
    <AdminLayout {...props} title="错敏词库">
      {props.allowState && <ErrorSummary state={props.allowState} title="未加入白名单" />}
      {props.importState && <ErrorSummary state={props.importState} title="未导入" />}
      <p class="hint">
        发布前检查与全站检查使用本词库。严重表述错误（国名、机构名称、领导人姓名、政治用语）属单项否决项（国办秘函〔2019〕19号）。
        {props.canEdit ? '' : '仅区政府办监管角色可以修改。'}
      </p>
      {props.saved && (
        <p class="notice" role="status">
          {props.saved}
        </p>
      )}
      <p>
        {props.canEdit && <a href="/admin/wording-rules/new">新增规则</a>}{' '}
        <a href="/admin/wording-rules/export.csv">导出 CSV</a>{' '}
        <a href="/admin/wording-rules/export.json">导出 JSON</a>
      </p>
      <FilterForm filter={props.filter} />
      <RuleRows rules={props.rules} canEdit={props.canEdit} csrf={props.csrf} />
      <AllowSection {...props} csrf={props.csrf} />
      {props.canEdit && <ImportSection csrf={props.csrf} state={props.importState} />}
      <h2>修改记录</h2>
      <Versions versions={props.versions} />
    </AdminLayout>
  );
}
