import {
  ruleTypeLabels,
  severityLabels,
  WORDING_RULE_TYPES,
  type WordingRule,
} from '../../../modules/compliance';
import { ErrorSummary } from './application-pages';
import { CheckboxField, Field, type FormState, PostForm, SelectField, TextAreaField } from './form';
import { AdminLayout, type AdminShell } from './layout';

// The form to add or edit one 错敏词 rule (issue 5), split from the dictionary screen
// (wording-rules-pages.tsx). Only the district supervisor reaches it.

export const typeOptions = WORDING_RULE_TYPES.map((t) => ({ value: t, label: ruleTypeLabels[t] }));
export const severityOptions = (['veto', 'ordinary'] as const).map((s) => ({
  value: s,
  label: severityLabels[s],
}));

/** The form's state without the service's message when fields are named: that message names fields by
 * their code, and the summary at the top of the page says the same in words. */
export function inForm(state: FormState | undefined): FormState | undefined {
  if (!state?.errors || Object.keys(state.errors).length === 0) return state;
  const { message: _message, ...rest } = state;
  return rest;
}

/** The form values of a rule being edited. */
export function ruleFormValues(r: WordingRule): Record<string, string> {
  return {
    id: r.id,
    type: r.type,
    term: r.term,
    suggestion: r.suggestion ?? '',
    severity: r.severity,
    explanation: r.explanation,
    basis: r.basis,
    source: r.source,
    tags: r.tags.join('、'),
    validFrom: r.validFrom ?? '',
    validTo: r.validTo ?? '',
    'context.before': (r.context?.before ?? []).join('、'),
    'context.after': (r.context?.after ?? []).join('、'),
    'context.window': r.context?.window === undefined ? '' : String(r.context.window),
    'options.skipNoise': r.options.skipNoise ? String(r.options.skipNoise) : '',
    'options.foldRepeats': r.options.foldRepeats ? '1' : '',
  };
}

/** Add or edit one rule. */
export function WordingRuleFormPage(props: AdminShell & { state: FormState; editing: boolean }) {
  const s = props.state;
  const title = props.editing ? '修改错敏词规则' : '新增错敏词规则';
  return (
    <AdminLayout {...props} title={title}>
      <ErrorSummary state={s.errors ? s : undefined} title="规则未保存" />
      <PostForm action="/admin/wording-rules" csrf={props.csrf} state={inForm(s)} label={title}>
        {props.editing && <input type="hidden" name="id" value={s.values?.id ?? ''} />}
        <SelectField name="type" label="类型" options={typeOptions} state={s} />
        <Field
          name="term"
          label="词语"
          hint="规范名称类填写正确的全称，系统自动识别一字之差的误写"
          state={s}
          required
        />
        <Field name="suggestion" label="建议改为" state={s} />
        <SelectField name="severity" label="严重程度" options={severityOptions} state={s} />
        <TextAreaField name="explanation" label="说明" rows={2} state={s} />
        <Field name="basis" label="依据" hint="法规、文件或编辑规范" state={s} required />
        <Field name="source" label="来源" hint="公开报道的整改案例网址等" state={s} />
        <Field name="tags" label="标签" hint="用顿号或逗号分隔" state={s} />
        <Field
          name="validFrom"
          label="起用日期"
          hint="YYYY-MM-DD；如机构更名日期，之前的文字不报"
          state={s}
        />
        <Field name="validTo" label="停用日期" hint="YYYY-MM-DD，可空" state={s} />
        <Field
          name="context.before"
          label="语境：前面的词"
          hint="语境规则：词语前出现这些词时才报，顿号分隔"
          state={s}
        />
        <Field name="context.after" label="语境：后面的词" state={s} />
        <Field
          name="context.window"
          label="语境间隔（字）"
          hint="0–10，默认 2"
          inputMode="numeric"
          state={s}
        />
        <Field
          name="options.skipNoise"
          label="可跳过的干扰字符数"
          hint="0–16，如“政*府”"
          inputMode="numeric"
          state={s}
        />
        <CheckboxField name="options.foldRepeats" label="忽略重复字（如“政政府”）" state={s} />
        <button type="submit">保存</button>
      </PostForm>
    </AdminLayout>
  );
}
