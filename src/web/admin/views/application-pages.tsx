import type { Agency } from '../../../db/schema';
import {
  applicantTypeLabels,
  deliveryChannelLabels,
  deliveryFormLabels,
  type OnTimeRate,
  personIdTypes,
  type QueueRow,
  staffChannelLabels,
  statusLabels,
} from '../../../modules/applications';
import { Field, type FormState, PostForm, RadioField, SelectField, TextAreaField } from './form';
import { AdminLayout, type AdminShell } from './layout';
import { QueueFilters, QueueTable } from './queue-parts';
import { Table } from './table';

const options = (labels: Record<string, string>) =>
  Object.entries(labels).map(([value, label]) => ({ value, label }));

/**
 * The summary at the top of a form that failed: what was not saved and one link per wrong field, in
 * words (the service's message names fields by their code, so it is shown only when no field is named).
 */
export function ErrorSummary(props: {
  state: FormState | undefined;
  title: string;
  fieldId?: (name: string) => string;
}) {
  const s = props.state;
  if (!s?.message && !s?.errors) return null;
  const entries = Object.entries(s.errors ?? {});
  const idOf = props.fieldId ?? ((name: string) => `f-${name}`);
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title">
      <h2 id="error-summary-title">{props.title}</h2>
      {entries.length === 0 ? (
        <p>{s.message}</p>
      ) : (
        <>
          <p>有 {entries.length} 处需要修改，本次未保存：</p>
          <ul>
            {entries.map(([name, message]) => (
              <li>
                <a href={`#${idOf(name)}-err`}>{message}</a>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

function dueCell(row: QueueRow) {
  if (!row.app.due_on) return <span class="muted">{row.app.status === 'paused' ? '计时中止' : '—'}</span>;
  const left =
    row.daysLeft === null
      ? ''
      : row.daysLeft < 0
        ? `逾期 ${-row.daysLeft} 个工作日`
        : `剩 ${row.daysLeft} 个工作日`;
  return (
    <span class={row.warn ? `due due-${row.warn}` : 'due'}>
      <span class="nowrap">{row.app.due_on}</span>
      <br />
      <small class="nowrap">{left}</small>
    </span>
  );
}

function RatesTable(props: { rates: OnTimeRate[] }) {
  return (
    <Table
      class="rates"
      caption="各单位依申请公开按期答复情况"
      columns={['单位', '已答复', '按期答复', '按期率', '办理中', '已逾期']}
    >
      {props.rates.map((r) => (
        <tr>
          <th scope="row">{r.agencyName}</th>
          <td>{r.decided}</td>
          <td>{r.onTime}</td>
          <td>{r.rate === null ? '—' : `${(r.rate * 100).toFixed(1)}%`}</td>
          <td>{r.open}</td>
          <td class={r.overdue ? 'due-overdue' : undefined}>{r.overdue}</td>
        </tr>
      ))}
    </Table>
  );
}

/** The agency's queue sorted by due date, with warnings; the supervisor also sees on-time rates. */
export function QueuePage(
  props: AdminShell & {
    rows: QueueRow[];
    agencies: Agency[];
    filter: { status: string; agency: string };
    canRegister: boolean;
    rates: OnTimeRate[] | null;
  },
) {
  const names = new Map(props.agencies.map((a) => [a.id, a.short_name]));
  return (
    <AdminLayout {...props} title="依申请公开">
      {props.canRegister && (
        <p>
          <a class="button" href="/admin/applications/new">
            登记当面、邮寄或传真申请
          </a>
        </p>
      )}
      {props.rates && <RatesTable rates={props.rates} />}
      <QueueFilters
        action="/admin/applications"
        statusLabels={statusLabels}
        leading={[{ value: '', label: '未办结（全部）' }]}
        filter={props.filter}
        agencies={props.rates ? props.agencies : null}
      />
      <QueueTable
        count={props.rows.length}
        empty="没有符合条件的申请。"
        caption="申请列表（按答复期限排序）"
        columns={['申请编号', '单位', '申请人', '所需信息', '状态', '答复期限']}
      >
        {props.rows.map((r) => (
          <tr class={r.warn ? `row-${r.warn}` : undefined}>
            <td class="nowrap">
              <a href={`/admin/applications/${r.app.id}`}>{r.app.tracking_number}</a>
            </td>
            <td class="nowrap">{names.get(r.app.agency_id) ?? ''}</td>
            <td>{r.app.applicant_name}</td>
            <td class="queue-request">
              {r.app.description.length > 40 ? `${r.app.description.slice(0, 40)}…` : r.app.description}
            </td>
            <td class="nowrap">{statusLabels[r.app.status]}</td>
            <td>{dueCell(r)}</td>
          </tr>
        ))}
      </QueueTable>
    </AdminLayout>
  );
}

/** The shared applicant fields of the public form and the staff registration (条例 Art. 29). */
export function ApplicantFields(props: { state?: FormState | undefined }) {
  const s = props.state;
  return (
    <>
      <RadioField name="applicantType" label="申请人类型" state={s} options={options(applicantTypeLabels)} />
      <Field name="name" label="申请人姓名或名称" state={s} required />
      <SelectField
        name="idType"
        label="身份证件类型（自然人填写）"
        state={s}
        options={personIdTypes.map((t) => ({ value: t, label: t }))}
      />
      <Field
        name="idNumber"
        label="证件号码或统一社会信用代码"
        state={s}
        required
        hint="法人或其他组织填写统一社会信用代码"
      />
      <Field name="contactPerson" label="联系人（法人或其他组织填写）" state={s} />
      <Field name="phone" label="联系电话" state={s} required inputMode="numeric" />
      <Field name="email" label="电子邮箱" type="email" state={s} />
      <Field name="address" label="通信地址" state={s} hint="选择邮寄方式时必填" />
      <TextAreaField
        name="description"
        label="所需政府信息的名称、文号或便于查询的特征描述"
        state={s}
        rows={5}
      />
      <RadioField
        name="deliveryForm"
        label="获取信息的形式"
        state={s}
        options={options(deliveryFormLabels)}
      />
      <RadioField
        name="deliveryChannel"
        label="获取信息的途径"
        state={s}
        options={options(deliveryChannelLabels)}
      />
    </>
  );
}

/** Staff register an application received in person, by post or by fax, with its receipt day. */
export function RegisterPage(props: AdminShell & { agencies: Agency[]; state?: FormState | undefined }) {
  return (
    <AdminLayout {...props} title="登记政府信息公开申请">
      <ErrorSummary state={props.state} title="申请未登记" />
      <PostForm
        action="/admin/applications"
        csrf={props.csrf}
        state={props.state && { ...props.state, message: '' }}
        label="登记申请"
      >
        <SelectField
          name="agencyId"
          label="受理机关"
          state={props.state}
          options={props.agencies.map((a) => ({ value: a.id, label: a.name }))}
        />
        <RadioField
          name="channel"
          label="收到申请的方式（条例第三十一条）"
          state={props.state}
          options={options(staffChannelLabels)}
        />
        <Field
          name="receivedOn"
          label="收到申请之日"
          type="date"
          state={props.state}
          required
          hint="当面提交为提交之日；挂号信为签收之日；平常信函为确认之日；传真为双方确认之日"
        />
        <ApplicantFields state={props.state} />
        <button type="submit">登记并出具受理回执</button>
      </PostForm>
    </AdminLayout>
  );
}
