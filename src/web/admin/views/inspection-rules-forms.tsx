import {
  type FreshnessRuleView,
  ruleTarget,
  type ThresholdView,
  vetoClassLabels,
} from '../../../modules/inspections';
import { ErrorSummary } from './application-pages';
import { CheckboxField, Field, type FormState, PostForm, SelectField, TextAreaField } from './form';
import { Tabs } from './inspection-pages';
import { thresholdPath } from './inspection-rules-pages';
import { AdminLayout, type AdminShell } from './layout';

// The forms of 检查规则: change a freshness rule, add a per-column override, change a threshold. The
// server validates (rule-input.ts); a refused form comes back with each message beside its field.

const vetoOptions = (Object.keys(vetoClassLabels) as (keyof typeof vetoClassLabels)[]).map((v) => ({
  value: v,
  label: vetoClassLabels[v],
}));

/** The form state of a saved rule, for editing it (or prefilling a new override from it). */
export function freshnessFormValues(r: FreshnessRuleView): Record<string, string> {
  return {
    vetoClass: r.vetoClass,
    nationalMaxDays: r.nationalMaxDays === null ? '' : String(r.nationalMaxDays),
    warnDays: r.warnDays === null ? '' : String(r.warnDays),
    blankExempt: r.blankExempt ? '1' : '',
    basis: r.basis,
  };
}

/** The form without the service's summary line when each field has its own message. */
function inForm(state: FormState): FormState {
  if (!state.errors || Object.keys(state.errors).length === 0) return state;
  const { message: _message, ...rest } = state;
  return rest;
}

function RuleFields(props: { state: FormState }) {
  const s = props.state;
  return (
    <>
      <SelectField name="vetoClass" label="否决类别" options={vetoOptions} state={s} />
      <Field
        name="nationalMaxDays"
        label="全国最长期限（天）"
        hint="计入单项否决的栏目必填，如动态要闻 14、通知公告与政策文件 180；不计入否决的可空"
        inputMode="numeric"
        state={s}
      />
      <Field
        name="warnDays"
        label="预警提前（天）"
        hint="到期前几天预警，须小于全国最长期限；空则按预警百分比"
        inputMode="numeric"
        state={s}
      />
      <CheckboxField name="blankExempt" label="不计空白栏目（办事入口类栏目，如依申请公开）" state={s} />
      <TextAreaField
        name="basis"
        label="依据"
        hint="文件名称及条款，如“国办秘函〔2019〕19号 单项否决「栏目不更新」1”"
        rows={3}
        state={s}
      />
    </>
  );
}

/** Change one freshness rule. */
export function FreshnessRuleFormPage(props: AdminShell & { rule: FreshnessRuleView; state: FormState }) {
  const title = '修改栏目更新规则';
  return (
    <AdminLayout {...props} title={title}>
      <Tabs current="rules" />
      <ErrorSummary state={props.state.errors ? props.state : undefined} title="规则未保存" />
      <p>{`适用栏目：${ruleTarget(props.rule)}`}</p>
      <PostForm
        action={`/admin/inspections/rules/${encodeURIComponent(props.rule.id)}`}
        csrf={props.csrf}
        state={inForm(props.state)}
        label={title}
      >
        <RuleFields state={props.state} />
        <button type="submit">保存</button>
      </PostForm>
      <p>
        <a href="/admin/inspections/rules">返回检查规则</a>
      </p>
    </AdminLayout>
  );
}

/** Add a rule for one column, which wins over its slug's rule. */
export function ColumnOverrideFormPage(
  props: AdminShell & { columns: { value: string; label: string }[]; state: FormState },
) {
  const title = '为某一栏目单独设置规则';
  return (
    <AdminLayout {...props} title={title}>
      <Tabs current="rules" />
      <ErrorSummary state={props.state.errors ? props.state : undefined} title="规则未保存" />
      <PostForm action="/admin/inspections/rules" csrf={props.csrf} state={inForm(props.state)} label={title}>
        <SelectField
          name="columnId"
          label="栏目"
          options={props.columns}
          placeholder="请选择栏目"
          hint="已单独设置的栏目不在此列，请在列表中修改"
          state={props.state}
        />
        <RuleFields state={props.state} />
        <button type="submit">添加</button>
      </PostForm>
      <p>
        <a href="/admin/inspections/rules">返回检查规则</a>
      </p>
    </AdminLayout>
  );
}

/** Change one threshold. */
export function ThresholdFormPage(props: AdminShell & { threshold: ThresholdView; state: FormState }) {
  const t = props.threshold;
  const title = `修改检查阈值：${t.label}`;
  return (
    <AdminLayout {...props} title={title}>
      <Tabs current="rules" />
      <ErrorSummary state={props.state.errors ? props.state : undefined} title="阈值未保存" />
      <PostForm
        action={`/admin/inspections/thresholds/${thresholdPath(t)}`}
        csrf={props.csrf}
        state={inForm(props.state)}
        label={title}
      >
        <Field
          name="value"
          label={`数值（${t.unit}）`}
          hint="正整数；预警值须小于对应的否决值"
          inputMode="numeric"
          state={props.state}
          required
        />
        <TextAreaField name="basis" label="依据" rows={3} state={props.state} />
        <button type="submit">保存</button>
      </PostForm>
      <p>
        <a href="/admin/inspections/rules">返回检查规则</a>
      </p>
    </AdminLayout>
  );
}
