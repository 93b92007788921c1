import { type LetterAction, type LetterView, letterTypeLabels } from '../../../modules/mailbox';
import { CheckboxField, type FormState, PostForm, RadioField, SelectField, TextAreaField } from './form';

// The step forms of a letter page: one small form per step the letter's state allows and the user's role
// may take. Each form's field names are unique among the forms shown together, so ids never collide.

export const letterActionLabels: Record<LetterAction, string> = {
  release: '确认为有效来信',
  'set-aside': '搁置（非来信）',
  accept: '受理',
  reject: '不予受理',
  assign: '分办',
  forward: '转办',
  merge: '合并重复来信',
  draft: '拟写答复',
  review: '审核答复',
  send: '发送答复',
  publish: '选登公开',
  unpublish: '撤下选登',
};

const typeOptions = Object.entries(letterTypeLabels).map(([value, label]) => ({ value, label }));

function fieldsOf(action: LetterAction, view: LetterView, s: FormState | undefined) {
  const l = view.letter;
  switch (action) {
    case 'set-aside':
      return <TextAreaField name="reason" label="搁置理由" state={s} rows={2} />;
    case 'accept':
      return (
        <SelectField
          name="type"
          label="来信类型（分类有误时更正，时限按更正后的类型自收信之日起算）"
          state={s ?? { values: { type: l.type } }}
          options={typeOptions}
        />
      );
    case 'reject':
      return <TextAreaField name="reason" label="不予受理理由（来信人可见）" state={s} rows={2} />;
    case 'assign':
      return (
        <SelectField
          name="assigneeId"
          label="承办人"
          state={s}
          options={view.handlers.map((h) => ({ value: h.id, label: h.name }))}
        />
      );
    case 'forward':
      return (
        <>
          <SelectField
            name="toAgencyId"
            label="转至单位"
            state={s}
            options={view.agencies.map((a) => ({ value: a.id, label: a.name }))}
          />
          <TextAreaField
            name="note"
            label="转办说明"
            state={s}
            rows={2}
            hint="答复期限仍自原收信之日起计算"
          />
        </>
      );
    case 'merge':
      return (
        <TextAreaField name="primary" label="主信件编号（本信作为其重复来信，一并答复）" state={s} rows={1} />
      );
    case 'draft':
      return (
        <TextAreaField
          name="reply"
          label="答复内容"
          state={s ?? { values: { reply: l.reply_draft ?? '' } }}
          rows={8}
        />
      );
    case 'review':
      return (
        <>
          <RadioField
            name="decision"
            label="审核意见"
            state={s}
            options={[
              { value: 'approve', label: '同意发送' },
              { value: 'return', label: '退回修改' },
            ]}
          />
          <TextAreaField name="opinion" label="修改意见（退回时必填）" state={s} rows={2} />
        </>
      );
    case 'publish': {
      const p = view.proposal;
      const values = s ?? {
        values: { subject: p?.subject ?? '', content: p?.content ?? '', reply: p?.reply ?? '' },
      };
      return (
        <>
          <p class="hint">
            以下文本已由隐私识别自动去除姓名、号码、地址等个人信息，请逐字核对、修改后再公开。
          </p>
          <TextAreaField name="subject" label="公开标题" state={values} rows={1} />
          <TextAreaField name="content" label="公开的来信内容" state={values} rows={6} />
          <TextAreaField name="reply" label="公开的答复内容" state={values} rows={6} />
          <CheckboxField name="checked" label="我已逐字核对，文中不含个人信息" state={s} />
          <CheckboxField name="acceptFindings" label="已核对以上提示，确认不是个人信息" state={s} />
        </>
      );
    }
    case 'unpublish':
      return <TextAreaField name="reason" label="撤下理由" state={s} rows={2} />;
    default:
      return null;
  }
}

/** The forms of the steps the user may take now; the one a failed post came from is open. */
export function LetterActions(props: { view: LetterView; csrf: string; state?: FormState | undefined }) {
  const posted = props.state?.values?._form;
  return (
    <div class="step-forms">
      {props.view.actions.map((a) => {
        const mine = posted === a ? props.state : undefined;
        return (
          <details open={Boolean(mine)}>
            <summary>{letterActionLabels[a]}</summary>
            <PostForm
              action={`/admin/mailbox/${props.view.letter.id}/${a}`}
              csrf={props.csrf}
              state={mine}
              label={letterActionLabels[a]}
            >
              {fieldsOf(a, props.view, mine)}
              <p>
                <button type="submit">{letterActionLabels[a]}</button>
              </p>
            </PostForm>
          </details>
        );
      })}
    </div>
  );
}
