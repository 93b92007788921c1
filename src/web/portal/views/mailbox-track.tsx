import {
  letterStatusLabels,
  letterTypeLabels,
  ratingLabels,
  type WriterView,
} from '../../../modules/mailbox';
import { ErrorSummary, PublicForm, type PublicFormState, RadioGroup } from './application-fields';
import { type PageShell, PortalLayout } from './layout';
import { mailboxMeta, mailboxWords } from './mailbox-pages';
import { TrackingCredentials, TrackingFormPage } from './tracking-pages';

// The writer's side: the tracking form and the letter page it opens (status, public history by date with
// no staff names, the reply, and the one-time rating). The query code never appears in a URL.

// The writer is not told the platform suspected abuse: the letter simply waits for confirmation.
const publicStatus = (s: WriterView['letter']['status']) =>
  s === 'held'
    ? '已提交，待工作人员确认'
    : s === 'review' || s === 'approved'
      ? '办理中'
      : letterStatusLabels[s];

/** GET /mailbox/track, and the same form after a mismatch. */
export function LetterTrackPage(
  props: PageShell & { csrf: string; state: PublicFormState; message?: string | undefined },
) {
  return (
    <TrackingFormPage
      {...props}
      words={mailboxWords}
      title="查询来信办理情况"
      here="查询办理情况"
      intro="请输入写信时获得的信件编号和查询码。"
      action="/mailbox/track"
      numberHint="例如 XX-JXJ-2026-00001"
    />
  );
}

function RatingForm(props: { csrf: string; tracking: string; code: string; state: PublicFormState }) {
  return (
    <section aria-labelledby="rate-h">
      <h2 id="rate-h">评价答复</h2>
      <p>每封来信可评价一次，评价提交后不能修改。</p>
      <ErrorSummary state={props.state} labels={{ rating: '评价' }} />
      <PublicForm action="/mailbox/track/rate" csrf={props.csrf} label="评价答复">
        <TrackingCredentials tracking={props.tracking} code={props.code} />
        <RadioGroup
          name="rating"
          label="您对答复是否满意"
          state={props.state}
          required
          options={ratingLabels}
        />
        <p>
          <button type="submit">提交评价</button>
        </p>
      </PublicForm>
    </section>
  );
}

/** The writer's letter page, opened by tracking number and query code. */
export function WriterLetterPage(
  props: PageShell & {
    view: WriterView;
    csrf: string;
    queryCode: string;
    rateState?: PublicFormState | undefined;
    notice?: string | undefined;
  },
) {
  const { letter: l, history } = props.view;
  return (
    <PortalLayout {...props} title={`来信 ${l.tracking_number}`} meta={mailboxMeta}>
      <nav aria-label="当前位置" class="breadcrumb">
        当前位置：<a href="/">首页</a> › <a href="/mailbox">部门信箱</a> › 办理情况
      </nav>
      <h1>来信 {l.tracking_number}</h1>
      {props.notice && (
        <p class="notice" role="status">
          {props.notice}
        </p>
      )}
      <p class="case-status">
        当前状态：<strong>{publicStatus(l.status)}</strong>
      </p>
      <dl class="meta-list letter-facts">
        <dt>收信单位</dt>
        <dd>{props.view.agencyName}</dd>
        <dt>类型</dt>
        <dd>{letterTypeLabels[l.type]}</dd>
        <dt>标题</dt>
        <dd>{l.subject}</dd>
        <dt>来信人</dt>
        <dd>{l.writer_name_masked}</dd>
        <dt>来信日期</dt>
        <dd>{l.received_on ?? '尚未确认'}</dd>
        {l.due_on && l.status !== 'answered' && l.status !== 'invalid' && (
          <>
            <dt>答复期限</dt>
            <dd>{l.due_on}</dd>
          </>
        )}
        <dt>是否同意公开</dt>
        <dd>{l.consent ? '同意' : '不同意'}</dd>
      </dl>
      {l.status === 'invalid' && (
        <section aria-labelledby="invalid-h">
          <h2 id="invalid-h">不予受理的理由</h2>
          <p class="request-text">{l.invalid_reason}</p>
        </section>
      )}
      {l.reply && (
        <section aria-labelledby="reply-h" class="letter-answer">
          <h2 id="reply-h">答复</h2>
          <p>
            答复单位：{props.view.answeredAgencyName}　答复日期：{l.answered_on}
          </p>
          <p class="request-text letter-reply">{l.reply}</p>
          {l.rating && <p class="letter-rating">您的评价：{ratingLabels[l.rating]}</p>}
        </section>
      )}
      {props.view.canRate && (
        <RatingForm
          csrf={props.csrf}
          tracking={l.tracking_number}
          code={props.queryCode}
          state={props.rateState ?? { values: {}, errors: {} }}
        />
      )}
      <section aria-labelledby="content-h">
        <h2 id="content-h">来信内容</h2>
        <p class="request-text">{l.content}</p>
      </section>
      <section aria-labelledby="history-h">
        <h2 id="history-h">办理过程</h2>
        <ol class="history">
          {history.map((h) => (
            <li>
              {h.onDate}　{h.label}
            </li>
          ))}
        </ol>
      </section>
    </PortalLayout>
  );
}
