import type { DisclosureStaff, OfficerMeeting, StaffTraining } from '../../../db/schema-tasks';
import {
  ActionButton,
  Field,
  type FormState,
  PostForm,
  RadioField,
  SelectField,
  TextAreaField,
} from './form';
import { AdminLayout, type AdminShell } from './layout';
import { Table } from './table';
import { FileField, Notice, TaskTabs, UploadForm } from './task-tabs';

// The roster of dedicated disclosure staff (专职工作人员) with their training, and the minutes of the
// information officers' regular meetings (信息员例会).

type Choice = { id: string; name: string };
type StaffRow = DisclosureStaff & { agency_name: string };
type MeetingRow = OfficerMeeting & { agency_name: string };

const agencyOptions = (agencies: Choice[]) => agencies.map((a) => ({ value: a.id, label: a.name }));

/** The roster the viewer sees, and the form to add a person. */
export function StaffListPage(
  props: AdminShell & {
    rows: StaffRow[];
    agencies: Choice[];
    state?: FormState | undefined;
    notice?: string | undefined;
  },
) {
  return (
    <AdminLayout {...props} title="政务公开专职工作人员">
      <TaskTabs current="staff" />
      <Notice text={props.notice} ok />
      <Table
        caption="人员名册"
        columns={['单位', '姓名', '职务', '专职/兼职', '联系电话', '到岗日期', '状态', '']}
      >
        {props.rows.map((s) => (
          <tr>
            <td>{s.agency_name}</td>
            <td>{s.name}</td>
            <td>{s.position}</td>
            <td>{s.full_time ? '专职' : '兼职'}</td>
            <td class="nowrap">{s.phone}</td>
            <td class="nowrap">{s.since}</td>
            <td>{s.left_on ? `已于 ${s.left_on} 离岗` : '在岗'}</td>
            <td>
              <a href={`/admin/staff/${s.id}`} aria-label={`培训记录：${s.name}`}>
                培训记录
              </a>
            </td>
          </tr>
        ))}
      </Table>
      {props.rows.length === 0 && <p class="empty">尚未登记专职工作人员</p>}
      <h2>登记人员</h2>
      <PostForm action="/admin/staff" csrf={props.csrf} state={props.state} label="登记人员">
        <SelectField
          name="agencyId"
          label="单位"
          options={agencyOptions(props.agencies)}
          state={props.state}
        />
        <Field name="name" label="姓名" state={props.state} />
        <Field name="position" label="职务" state={props.state} />
        <RadioField
          name="fullTime"
          label="岗位性质"
          options={[
            { value: '1', label: '专职' },
            { value: '0', label: '兼职' },
          ]}
          state={props.state}
        />
        <Field name="phone" label="联系电话" type="tel" state={props.state} />
        <Field
          name="email"
          label="电子邮箱"
          type="email"
          hint="用于接收查漏补缺报告，可不填"
          state={props.state}
        />
        <Field name="since" label="到岗日期" type="date" state={props.state} />
        <button type="submit">登记</button>
      </PostForm>
    </AdminLayout>
  );
}

/** One person: their training records and the form to add one. */
export function StaffPersonPage(
  props: AdminShell & {
    person: DisclosureStaff;
    trainings: StaffTraining[];
    state?: FormState | undefined;
    notice?: string | undefined;
  },
) {
  const p = props.person;
  const hours = props.trainings.reduce((n, t) => n + Number(t.hours), 0);
  return (
    <AdminLayout {...props} title={`${p.name}的培训记录`}>
      <TaskTabs current="staff" />
      <Notice text={props.notice} ok />
      <dl class="meta-list">
        <dt>职务</dt>
        <dd>
          {p.position}（{p.full_time ? '专职' : '兼职'}）
        </dd>
        <dt>到岗日期</dt>
        <dd>{p.since}</dd>
        <dt>状态</dt>
        <dd>{p.left_on ? `已于 ${p.left_on} 离岗` : '在岗'}</dd>
        <dt>累计学时</dt>
        <dd>{hours}</dd>
      </dl>
      <Table caption="培训记录" columns={['日期', '培训名称', '主办单位', '学时']}>
        {props.trainings.map((t) => (
          <tr>
            <td class="nowrap">{t.held_on}</td>
            <td>{t.title}</td>
            <td>{t.organizer}</td>
            <td>{t.hours}</td>
          </tr>
        ))}
      </Table>
      {props.trainings.length === 0 && <p class="empty">尚无培训记录</p>}
      <h2>登记培训</h2>
      <PostForm
        action={`/admin/staff/${p.id}/trainings`}
        csrf={props.csrf}
        state={props.state}
        label="登记培训"
      >
        <Field name="heldOn" label="培训日期" type="date" state={props.state} />
        <Field name="title" label="培训名称" state={props.state} />
        <Field name="organizer" label="主办单位" state={props.state} />
        <Field name="hours" label="学时" inputMode="numeric" state={props.state} />
        <button type="submit">登记</button>
      </PostForm>
      {!p.left_on && (
        <p>
          <ActionButton action={`/admin/staff/${p.id}/left`} csrf={props.csrf} label="登记离岗" />
        </p>
      )}
    </AdminLayout>
  );
}

/** The meetings the viewer sees and the form to record one (with an optional file). */
export function MeetingsPage(
  props: AdminShell & {
    rows: MeetingRow[];
    agencies: Choice[];
    maxFileMb: number;
    state?: FormState | undefined;
    notice?: string | undefined;
  },
) {
  return (
    <AdminLayout {...props} title="信息员例会">
      <TaskTabs current="meetings" />
      <Notice text={props.notice} ok />
      <Table caption="会议记录" columns={['日期', '单位', '参会人员', '议题', '议定事项', '附件']}>
        {props.rows.map((m) => (
          <tr>
            <td class="nowrap">{m.held_on}</td>
            <td>{m.agency_name}</td>
            <td>{m.attendees}</td>
            <td>{m.topics}</td>
            <td>{m.decisions}</td>
            <td>
              {m.stored_name ? <a href={`/admin/staff/meetings/${m.id}/file`}>{m.original_name}</a> : '—'}
            </td>
          </tr>
        ))}
      </Table>
      {props.rows.length === 0 && <p class="empty">尚无会议记录</p>}
      <h2>登记例会</h2>
      <UploadForm action="/admin/staff/meetings" csrf={props.csrf} state={props.state} label="登记例会">
        <SelectField
          name="agencyId"
          label="单位"
          options={agencyOptions(props.agencies)}
          state={props.state}
        />
        <Field name="heldOn" label="会议日期" type="date" state={props.state} />
        <TextAreaField name="attendees" label="参会人员" rows={2} state={props.state} />
        <TextAreaField name="topics" label="会议议题" rows={3} state={props.state} />
        <TextAreaField name="decisions" label="议定事项" rows={4} state={props.state} />
        <FileField
          name="file"
          label="会议纪要或签到表（可选）"
          accept=".pdf,.docx,.xlsx,.jpg,.jpeg,.png"
          hint={`PDF、Word（.docx）、Excel（.xlsx）、JPG 或 PNG，不超过 ${props.maxFileMb} MB`}
          state={props.state}
        />
        <button type="submit">登记</button>
      </UploadForm>
    </AdminLayout>
  );
}
