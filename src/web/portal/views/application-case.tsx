import type { applicantView } from '../../../modules/applications';
import { caseEventLabels, outcomeOf, statusLabels } from '../../../modules/applications';
import { emptyForm, PublicForm, type PublicFormState, TextArea } from './application-fields';
import { applyWords } from './application-pages';
import { type PageShell, PortalLayout } from './layout';
import { CredentialsForm, TrackingCredentials, TrackingFormPage } from './tracking-pages';

// The applicant's side of a case: the tracking form, and the case page it opens (status, due date
// explained, the public history by date only, and the letters to download). Only masked personal data.

type ApplicantView = Awaited<ReturnType<typeof applicantView>>;

// The applicant is not told that the platform suspected abuse: the case simply waits for confirmation.
const publicStatus = (status: keyof typeof statusLabels) =>
  status === 'held' ? '已提交，待工作人员确认受理' : statusLabels[status];

/** GET /apply/track, and the same form after a mismatch (one message for every kind of mismatch). */
export function TrackFormPage(props: PageShell & { csrf: string; state: PublicFormState; message?: string }) {
  return (
    <TrackingFormPage
      {...props}
      words={applyWords}
      title="查询办理进度"
      here="查询办理进度"
      intro="请输入提交申请时获得的申请编号和查询码。"
      action="/apply/track"
      numberHint="例如 JXJ-2026-00001"
    />
  );
}

function LetterDownload(props: {
  letterId: string;
  title: string;
  csrf: string;
  tracking: string;
  code: string;
}) {
  return (
    <CredentialsForm
      action="/apply/track/letter"
      csrf={props.csrf}
      tracking={props.tracking}
      code={props.code}
    >
      <input type="hidden" name="letterId" value={props.letterId} />
      <button type="submit" class="small" aria-label={`下载《${props.title}》（Word 文档）`}>
        下载（Word）
      </button>
    </CredentialsForm>
  );
}

function outcomeText(code: string | null): string | null {
  if (!code) return null;
  const o = outcomeOf(code);
  return o.label === o.group ? o.group : `${o.group}（${o.label}）`;
}

// 条例 Art. 30: the applicant answers the correction notice here; the reply period restarts today.
function CorrectionForm(props: {
  csrf: string;
  tracking: string;
  code: string;
  state?: PublicFormState | undefined;
}) {
  return (
    <section aria-labelledby="correction-h" class="correction">
      <h2 id="correction-h">提交补正</h2>
      <p>请对照《补正告知书》所列事项补充或更正申请内容。提交后，答复期限自今日起重新计算。</p>
      <PublicForm action="/apply/track/correction" csrf={props.csrf} label="提交补正">
        <TrackingCredentials tracking={props.tracking} code={props.code} />
        <TextArea
          name="correction"
          label="补正内容"
          state={props.state ?? emptyForm}
          required
          rows={5}
          maxLength={4000}
        />
        <p>
          <button type="submit">提交补正</button>
        </p>
      </PublicForm>
    </section>
  );
}

/** The applicant's case page, opened by tracking number and query code. */
export function ApplicantCasePage(
  props: PageShell & {
    view: ApplicantView;
    csrf: string;
    queryCode: string;
    correctionState?: PublicFormState | undefined;
    notice?: string | undefined;
  },
) {
  const { app, due, events, letters, agencyName } = props.view;
  const outcome = outcomeText(app.outcome);
  return (
    <PortalLayout {...props} title={`申请 ${app.tracking_number}`} meta={applyWords.meta}>
      <nav aria-label="当前位置" class="breadcrumb">
        当前位置：<a href="/">首页</a> › <a href="/apply">依申请公开</a> › 办理进度
      </nav>
      <h1>申请 {app.tracking_number}</h1>
      {props.notice && (
        <p class="notice" role="status">
          {props.notice}
        </p>
      )}
      <p class="case-status">
        当前状态：<strong>{publicStatus(app.status)}</strong>
      </p>
      <dl class="meta-list case-facts">
        <dt>受理机关</dt>
        <dd>{agencyName}</dd>
        <dt>申请人</dt>
        <dd>
          {app.applicant_name}
          {app.contact_person ? `（联系人：${app.contact_person}）` : ''}
        </dd>
        <dt>{app.id_type || '证件号码'}</dt>
        <dd>{app.id_number_masked}</dd>
        <dt>联系电话</dt>
        <dd>{app.phone_masked}</dd>
        <dt>收到申请日期</dt>
        <dd>{app.received_on ?? '尚未确认受理'}</dd>
        <dt>答复期限</dt>
        <dd>{due.due ?? '—'}</dd>
        {outcome && (
          <>
            <dt>答复结果</dt>
            <dd>{outcome}</dd>
          </>
        )}
      </dl>
      <section aria-labelledby="due-h">
        <h2 id="due-h">期限是怎样计算的</h2>
        <ol class="due-steps">
          {due.steps.map((s) => (
            <li>{s}</li>
          ))}
        </ol>
      </section>
      <section aria-labelledby="request-h">
        <h2 id="request-h">申请内容</h2>
        <p class="request-text">{app.description}</p>
      </section>
      {app.status === 'correction' && (
        <CorrectionForm
          csrf={props.csrf}
          tracking={app.tracking_number}
          code={props.queryCode}
          state={props.correctionState}
        />
      )}
      <section aria-labelledby="letters-h">
        <h2 id="letters-h">文书</h2>
        {letters.length === 0 ? (
          <p class="empty">暂无文书。</p>
        ) : (
          <table>
            <caption class="visually-hidden">本申请的文书</caption>
            <thead>
              <tr>
                <th scope="col">文书</th>
                <th scope="col">文号</th>
                <th scope="col">日期</th>
                <th scope="col">下载</th>
              </tr>
            </thead>
            <tbody>
              {letters.map((l) => (
                <tr>
                  <td>{l.title}</td>
                  <td>{l.number}</td>
                  <td class="nowrap">{l.issued_on}</td>
                  <td>
                    <LetterDownload
                      letterId={l.id}
                      title={l.title}
                      csrf={props.csrf}
                      tracking={app.tracking_number}
                      code={props.queryCode}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section aria-labelledby="history-h">
        <h2 id="history-h">办理过程</h2>
        <table>
          <caption class="visually-hidden">办理过程，按时间先后</caption>
          <thead>
            <tr>
              <th scope="col">日期</th>
              <th scope="col">事项</th>
            </tr>
          </thead>
          <tbody>
            {events.map((e) => (
              <tr>
                <td class="nowrap">{e.on_date}</td>
                <td>{caseEventLabels[e.kind] ?? e.kind}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </PortalLayout>
  );
}
