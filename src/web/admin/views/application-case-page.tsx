import {
  actionsFor,
  appealKindLabels,
  appealResultLabels,
  applicantTypeLabels,
  type CaseView,
  caseEventLabels,
  deliveryChannelLabels,
  deliveryFormLabels,
  outcomeOf,
  statusLabels,
  type UnmaskedApplicant,
} from '../../../modules/applications';
import { AppealForm, CaseActions, stepFieldId, stepTitleOf } from './application-case-actions';
import { ErrorSummary } from './application-pages';
import { ActionButton, type FormState } from './form';
import { AdminLayout, type AdminShell } from './layout';
import { Table } from './table';

const label = (labels: Record<string, string>, key: string) => labels[key] ?? key;

function ApplicantTable(props: { view: CaseView; unmasked?: UnmaskedApplicant | undefined; csrf: string }) {
  const { app } = props.view;
  const u = props.unmasked;
  return (
    <section aria-labelledby="applicant-h">
      <h2 id="applicant-h">申请人</h2>
      <table class="meta applicant">
        <tbody>
          <tr>
            <th scope="row">类型</th>
            <td>{label(applicantTypeLabels, app.applicant_type)}</td>
          </tr>
          <tr>
            <th scope="row">姓名或名称</th>
            <td>
              {app.applicant_name}
              {app.contact_person ? `（联系人：${app.contact_person}）` : ''}
            </td>
          </tr>
          <tr>
            <th scope="row">{app.id_type || '证件'}</th>
            <td>{u ? u.idNumber : app.id_number_masked}</td>
          </tr>
          <tr>
            <th scope="row">联系电话</th>
            <td>{u ? u.phone : app.phone_masked}</td>
          </tr>
          <tr>
            <th scope="row">电子邮箱</th>
            <td>{(u ? u.email : app.email_masked) || '—'}</td>
          </tr>
          <tr>
            <th scope="row">通信地址</th>
            <td>{(u ? u.address : app.address_masked) || '—'}</td>
          </tr>
        </tbody>
      </table>
      {u ? (
        <p class="notice">完整信息仅在本页显示一次，查看行为已记入审计日志。</p>
      ) : (
        props.view.mayApprove &&
        !app.purged_at && (
          <ActionButton
            action={`/admin/applications/${app.id}/unmask`}
            csrf={props.csrf}
            label="查看完整信息（将记入审计）"
          />
        )
      )}
    </section>
  );
}

function DueSection(props: { view: CaseView }) {
  const { view } = props;
  return (
    <section aria-labelledby="due-h">
      <h2 id="due-h">答复期限</h2>
      <p class="due-line">
        {view.due.due ? <strong>{view.due.due}</strong> : view.paused ? '计时中止（征求意见或待缴费）' : '—'}
        {view.correctionLatest &&
          actionsFor(view.app.status).includes('requestCorrection') &&
          `　补正告知最迟于 ${view.correctionLatest} 发出`}
      </p>
      <ol class="due-steps">
        {view.due.steps.map((s) => (
          <li>{s}</li>
        ))}
      </ol>
    </section>
  );
}

/** One case: applicant (masked), request, the explained due date, the steps, letters and history. */
export function CasePage(
  props: AdminShell & {
    view: CaseView;
    state?: FormState | undefined;
    unmasked?: UnmaskedApplicant | undefined;
    newQueryCode?: string | undefined;
    today: string;
  },
) {
  const { view, today } = props;
  const { app } = view;
  const form = props.state?.values?._form ?? '';
  const step = stepTitleOf(form);
  return (
    <AdminLayout {...props} title={`申请 ${app.tracking_number}`}>
      {props.newQueryCode && (
        <p class="notice" role="status">
          已登记。申请编号 <strong>{app.tracking_number}</strong>，查询码{' '}
          <strong>{props.newQueryCode}</strong>
          ——请告知申请人（查询码只显示这一次）。
        </p>
      )}
      <ErrorSummary
        state={props.state}
        title={step ? `“${step}”未办理成功` : '未办理成功'}
        fieldId={(name) => stepFieldId(form, name)}
      />
      <p class="case-status">
        状态：<strong>{statusLabels[app.status]}</strong>
        {app.outcome &&
          `　答复结果：${outcomeOf(app.outcome).group}${outcomeOf(app.outcome).group === outcomeOf(app.outcome).label ? '' : `（${outcomeOf(app.outcome).label}）`}`}
        {app.held_reason && app.status === 'held' && `　待核原因：${app.held_reason}`}
      </p>
      <ApplicantTable view={view} unmasked={props.unmasked} csrf={props.csrf} />
      <section aria-labelledby="request-h">
        <h2 id="request-h">申请内容</h2>
        <p class="prewrap">{app.description}</p>
        <p>
          获取形式：{label(deliveryFormLabels, app.delivery_form)}；获取途径：
          {label(deliveryChannelLabels, app.delivery_channel)}
        </p>
      </section>
      <DueSection view={view} />
      <section aria-labelledby="steps-h">
        <h2 id="steps-h">办理</h2>
        <CaseActions
          view={view}
          actions={actionsFor(app.status)}
          csrf={props.csrf}
          state={props.state}
          today={today}
        />
      </section>
      <section aria-labelledby="letters-h">
        <h2 id="letters-h">文书</h2>
        {view.letters.length === 0 ? (
          <p>尚未出具文书。</p>
        ) : (
          <ul>
            {view.letters.map((l) => (
              <li>
                <a href={`/admin/applications/${app.id}/letters/${l.id}`}>{l.title}</a>（{l.number}，
                {l.issued_on}
                {l.public ? '' : '，不向申请人公开'}；Word 文件）
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="appeals-h">
        <h2 id="appeals-h">行政复议和行政诉讼</h2>
        {view.appeals.length > 0 && (
          <ul>
            {view.appeals.map((a) => (
              <li>
                {appealKindLabels[a.kind]}：{a.filed_on} 提起，{appealResultLabels[a.result]}
                {a.concluded_on ? `（${a.concluded_on} 审结）` : ''}
              </li>
            ))}
          </ul>
        )}
        {view.mayHandle && (
          <div class="case-actions">
            <AppealForm id={app.id} csrf={props.csrf} state={props.state} />
          </div>
        )}
      </section>
      <section aria-labelledby="history-h">
        <Table caption="办理记录" columns={['日期', '步骤', '办理人', '说明']}>
          {view.events.map((e) => (
            <tr>
              <td class="nowrap">{e.on_date}</td>
              <td>{caseEventLabels[e.kind] ?? e.kind}</td>
              <td>{e.actor_name}</td>
              <td class="prewrap">{e.note}</td>
            </tr>
          ))}
        </Table>
      </section>
    </AdminLayout>
  );
}
