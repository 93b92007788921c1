import { type ComponentChildren, cloneElement, isValidElement, toChildArray } from 'preact';
import {
  appealKindLabels,
  appealResultLabels,
  type CaseAction,
  type CaseView,
  caseActionLabels,
  deliveryMethods,
  OUTCOMES,
} from '../../../modules/applications';
import { Field, type FormState, PostForm, RadioField, SelectField, TextAreaField } from './form';

// The step forms of a case page: one small form per action the case's state allows and the user's
// role may take. Field errors show in the form that was posted.

const segment: Record<CaseAction, string> = {
  release: 'release',
  dismiss: 'dismiss',
  requestCorrection: 'request-correction',
  receiveCorrection: 'receive-correction',
  lapseCorrection: 'lapse-correction',
  assign: 'assign',
  startConsultation: 'start-consultation',
  endConsultation: 'end-consultation',
  extend: 'extend',
  noticeFee: 'notice-fee',
  payFee: 'pay-fee',
  lapseFee: 'lapse-fee',
  decide: 'decide',
  deliver: 'deliver',
};

/** The heading of the step form a failed post came from (`_form` is its URL segment), for the error summary. */
export function stepTitleOf(form: string): string {
  if (form === 'appeal') return '登记行政复议或行政诉讼';
  const action = (Object.keys(segment) as CaseAction[]).find((a) => segment[a] === form);
  return action ? caseActionLabels[action] : '';
}

/** The id a field of a step form gets on the case page, prefixed by the form, as scopeIds makes it. */
export const stepFieldId = (form: string, name: string) => `${form}-f-${name}`;

const ID_PROPS = ['id', 'for', 'aria-describedby'] as const;

// Several step forms on one page share field names (days, note, reason), and the shared form fields
// derive their ids from the name: without a prefix a label points at another form's control and the
// second control has no accessible name. The field components are pure, so they are expanded here.
function scopeIds(node: ComponentChildren, form: string): ComponentChildren {
  return toChildArray(node).map((child) => {
    if (!isValidElement(child)) return child;
    const props = child.props as Record<string, unknown>;
    if (typeof child.type === 'function')
      return scopeIds((child.type as (p: unknown) => ComponentChildren)(props), form);
    const ids: Record<string, string> = {};
    for (const k of ID_PROPS) {
      const v = props[k];
      if (typeof v === 'string' && v)
        ids[k] = v
          .split(' ')
          .map((id) => `${form}-${id}`)
          .join(' ');
    }
    return props.children === undefined
      ? cloneElement(child, ids)
      : cloneElement(child, ids, scopeIds(props.children as ComponentChildren, form));
  });
}

// Actions only the disclosure office (复审 role) may take.
const APPROVER_ACTIONS: readonly CaseAction[] = ['extend', 'noticeFee', 'decide'];

const outcomeOptions = OUTCOMES.map((o) => ({
  value: o.code,
  label: o.group === o.label ? o.label : `${o.group}：${o.label}`,
}));

function fieldsOf(action: CaseAction, view: CaseView, s: FormState | undefined, today: string) {
  switch (action) {
    case 'dismiss':
      return <TextAreaField name="reason" label="认定理由" state={s} rows={2} />;
    case 'requestCorrection':
      return (
        <>
          <TextAreaField name="items" label="需要补正的事项（一次性告知）" state={s} rows={3} />
          <Field
            name="days"
            label="补正期限（工作日）"
            state={s}
            inputMode="numeric"
            hint="建议 15 个工作日"
          />
        </>
      );
    case 'receiveCorrection':
      return (
        <Field
          name="receivedOn"
          label="收到补正之日"
          type="date"
          state={s ?? { values: { receivedOn: today } }}
        />
      );
    case 'assign':
      return (
        <SelectField
          name="userId"
          label="承办人"
          state={s}
          options={view.handlers.map((h) => ({ value: h.id, label: h.name }))}
        />
      );
    case 'startConsultation':
      return (
        <>
          <RadioField
            name="party"
            label="征求意见对象"
            state={s}
            options={[
              { value: 'thirdParty', label: '第三方（条例第三十二条）' },
              { value: 'agency', label: '其他行政机关（条例第三十四条）' },
            ]}
          />
          <Field name="partyName" label="对象名称" state={s} />
          <TextAreaField name="matter" label="征求意见的事项" state={s} rows={2} />
        </>
      );
    case 'endConsultation':
      return (
        <>
          <Field
            name="endedOn"
            label="收到意见（或答复期满）之日"
            type="date"
            state={s ?? { values: { endedOn: today } }}
          />
          <TextAreaField name="result" label="对方意见" state={s} rows={2} />
        </>
      );
    case 'extend':
      return (
        <>
          <Field name="days" label="延长工作日数（最长 20）" state={s} inputMode="numeric" />
          <TextAreaField name="reason" label="延期理由" state={s} rows={2} />
        </>
      );
    case 'noticeFee':
      return (
        <>
          <RadioField
            name="basis"
            label="计费方式（国办函〔2020〕109号）"
            state={s}
            options={[
              { value: 'perApplication', label: '按件计收（同一申请人当月第 11 件起）' },
              { value: 'perPage', label: '按量计收（超过 30 页的部分）' },
            ]}
          />
          <Field name="pages" label="页数（按量计收时填写）" state={s} inputMode="numeric" />
        </>
      );
    case 'payFee':
      return <Field name="paidOn" label="缴费之日" type="date" state={s ?? { values: { paidOn: today } }} />;
    case 'decide':
      return (
        <>
          <SelectField
            name="outcome"
            label="答复结果（年报表三的具体情形）"
            state={s}
            options={outcomeOptions}
          />
          <TextAreaField
            name="note"
            label="答复说明"
            state={s}
            rows={4}
            hint="部分公开写明不予公开的部分及理由；不予公开写明理由；已公开写明获取途径"
          />
        </>
      );
    case 'deliver':
      return (
        <>
          <Field
            name="deliveredOn"
            label="送达之日"
            type="date"
            state={s ?? { values: { deliveredOn: today } }}
          />
          <RadioField
            name="method"
            label="送达方式"
            state={s ?? { values: { method: 'online' } }}
            options={Object.entries(deliveryMethods).map(([value, label]) => ({ value, label }))}
          />
        </>
      );
    default:
      return null;
  }
}

/** The forms of the steps open to this user on this case. */
export function CaseActions(props: {
  view: CaseView;
  actions: CaseAction[];
  csrf: string;
  state?: FormState | undefined;
  today: string;
}) {
  const { view } = props;
  const shown = props.actions.filter((a) =>
    APPROVER_ACTIONS.includes(a) ? view.mayApprove : view.mayHandle,
  );
  if (shown.length === 0) return <p>当前没有您可以办理的步骤。</p>;
  return (
    <div class="case-actions">
      {shown.map((action) => {
        // The message is shown once, at the top of the page; the form keeps its values and field errors.
        const mine =
          props.state?.values?._form === segment[action] ? { ...props.state, message: '' } : undefined;
        return (
          <details open={Boolean(mine)}>
            <summary>{caseActionLabels[action]}</summary>
            <PostForm
              action={`/admin/applications/${view.app.id}/${segment[action]}`}
              csrf={props.csrf}
              state={mine}
            >
              {scopeIds(fieldsOf(action, view, mine, props.today), segment[action])}
              <button type="submit">{caseActionLabels[action]}</button>
            </PostForm>
          </details>
        );
      })}
    </div>
  );
}

/** The form that records a reconsideration or lawsuit (table 4 of the annual report). */
export function AppealForm(props: { id: string; csrf: string; state?: FormState | undefined }) {
  const mine = props.state?.values?._form === 'appeal' ? { ...props.state, message: '' } : undefined;
  return (
    <details open={Boolean(mine)}>
      <summary>登记行政复议或行政诉讼</summary>
      <PostForm action={`/admin/applications/${props.id}/appeal`} csrf={props.csrf} state={mine}>
        {scopeIds(
          <>
            <RadioField
              name="kind"
              label="类型"
              state={mine}
              options={Object.entries(appealKindLabels).map(([value, label]) => ({ value, label }))}
            />
            <Field name="filedOn" label="申请复议或起诉之日" type="date" state={mine} />
            <RadioField
              name="result"
              label="结果"
              state={mine ?? { values: { result: 'pending' } }}
              options={Object.entries(appealResultLabels).map(([value, label]) => ({ value, label }))}
            />
            <Field name="concludedOn" label="审结之日（尚未审结留空）" type="date" state={mine} />
            <TextAreaField name="note" label="备注" state={mine} rows={2} />
          </>,
          'appeal',
        )}
        <button type="submit">保存</button>
      </PostForm>
    </details>
  );
}
