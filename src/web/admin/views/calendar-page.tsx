import type { CalendarVersion, CalendarYearRow } from '../../../modules/calendar';
import { Field, type FormState, PostForm, RadioField, TextAreaField } from './form';
import { AdminLayout, type AdminShell } from './layout';
import { Table } from './table';

export interface CalendarPageProps {
  year: number;
  rows: CalendarYearRow[];
  versions: CalendarVersion[];
  missingYear: number | null;
  dayState?: FormState | undefined;
  noticeState?: FormState | undefined;
  saved?: string | undefined;
}

function MissingYearBanner(props: { year: number }) {
  return (
    <p class="form-error calendar-missing" role="alert">
      {`尚无 ${props.year} 年工作日历：国务院办公厅发布 ${props.year} 年部分节假日安排的通知后，请在下方“录入全年节假日安排”中录入，否则 ${props.year} 年的期限将只按周末计算。`}
    </p>
  );
}

function YearRows(props: { year: number; rows: CalendarYearRow[] }) {
  return (
    <Table
      class="calendar-days"
      caption={`${props.year} 年节假日与调休上班日`}
      columns={['日期', '星期', '类型', '名称/说明', '依据', '版本']}
    >
      {props.rows.map((r) => (
        <tr>
          <td>{r.day}</td>
          <td>{r.weekday}</td>
          <td>{r.isWorkday ? '工作日' : '休息日'}</td>
          <td>{r.reason}</td>
          <td>{r.source === 'chinese-days' ? '国务院办公厅通知（内置）' : r.source}</td>
          <td>{r.version === null ? '—' : `第 ${r.version} 版`}</td>
        </tr>
      ))}
    </Table>
  );
}

function VersionHistory(props: { versions: CalendarVersion[] }) {
  if (props.versions.length === 0)
    return <p class="hint">尚未修改过工作日历，全部采用国务院通知（chinese-days 数据）。</p>;
  return (
    <Table caption="修改记录" columns={['版本', '时间', '操作人', '依据文号', '说明', '涉及日期']}>
      {props.versions.map((v) => (
        <tr>
          <td class="nowrap">{`第 ${v.version} 版`}</td>
          <td class="nowrap">{v.changedAt.slice(0, 16).replace('T', ' ')}</td>
          <td>{v.changedBy}</td>
          <td>{v.source}</td>
          <td>{v.summary}</td>
          <td>{v.changes.map((c) => `${c.day}${c.isWorkday ? '班' : '休'}`).join('、')}</td>
        </tr>
      ))}
    </Table>
  );
}

/** 工作日历 (system administrator): the year's named days, the version history, and the two forms. */
export function CalendarPage(props: AdminShell & CalendarPageProps) {
  const nav = [
    { year: props.year - 1, label: `上一年（${props.year - 1} 年）` },
    { year: props.year + 1, label: `下一年（${props.year + 1} 年）` },
  ];
  return (
    <AdminLayout {...props} title="工作日历">
      <p class="hint">
        期限按工作日计算（条例第三十三条）：周末和法定节假日不计，调休上班日计入。默认采用国务院办公厅节假日安排通知（chinese-days
        数据）；本页录入的日期优先，每次修改生成新版本，在办申请的答复期限随之重算。
      </p>
      {props.missingYear !== null && <MissingYearBanner year={props.missingYear} />}
      {props.saved && (
        <p class="notice" role="status">
          {props.saved}
        </p>
      )}
      <nav class="year-nav" aria-label="切换年份">
        {nav.map((n) => (
          <a href={`/admin/calendar?year=${n.year}`} class="year-link">
            {n.label}
          </a>
        ))}
      </nav>
      <YearRows year={props.year} rows={props.rows} />
      <h2>修改单日</h2>
      <PostForm action="/admin/calendar/day" csrf={props.csrf} state={props.dayState} label="修改单日">
        <Field name="day" label="日期" hint="YYYY-MM-DD，如 2027-01-01" state={props.dayState} required />
        <RadioField
          name="workday"
          label="类型"
          options={[
            { value: '0', label: '休息日' },
            { value: '1', label: '工作日' },
          ]}
          state={props.dayState}
        />
        <Field name="note" label="名称/说明" hint="如 春节、调休上班、地方节假日" state={props.dayState} />
        <Field
          name="source"
          label="依据文号"
          hint="如 国办发明电〔2025〕7号"
          state={props.dayState}
          required
        />
        <button type="submit">保存</button>
      </PostForm>
      <h2>录入全年节假日安排</h2>
      <PostForm
        action="/admin/calendar/notice"
        csrf={props.csrf}
        state={props.noticeState}
        label="录入全年节假日安排"
      >
        <Field name="year" label="年份" inputMode="numeric" state={props.noticeState} required />
        <Field
          name="noticeSource"
          label="依据文号"
          hint="国务院办公厅通知的文号"
          state={props.noticeState}
          required
        />
        <TextAreaField
          name="lines"
          label="节假日安排"
          rows={12}
          hint="每行一天或一段，如：“2027-01-01 休 元旦”、“2027-02-06至2027-02-12 休 春节”、“2027-02-14 班 春节调休”"
          state={props.noticeState}
        />
        <button type="submit">录入</button>
      </PostForm>
      <h2>修改记录</h2>
      <VersionHistory versions={props.versions} />
    </AdminLayout>
  );
}
