import type { KeyTaskItem } from '../../../db/schema-tasks';
import type { ImportResult, KeyTaskProgress, TaskRow } from '../../../modules/tasks';
import { Field, type FormState, PostForm, SelectField, TextAreaField } from './form';
import { AdminLayout, type AdminShell } from './layout';
import { Table } from './table';
import { StatusCell } from './task-pages';
import { FileField, Notice, TaskTabs, UploadForm } from './task-tabs';

// The key-task list (重点工作清单): the year's items with import, and one item with its tasks and the
// decomposition form (区政府办).

export type ItemRow = KeyTaskItem & { task_count: number };

function ProgressLine(props: { progress: KeyTaskProgress }) {
  const p = props.progress;
  return (
    <p>
      {`任务 ${p.total} 项：已完成 ${p.done}，进行中 ${p.inProgress}，`}
      <span class={p.late ? 'late' : undefined}>{`逾期 ${p.late}`}</span>
      {`，未上传佐证材料 ${p.withoutEvidence}`}
    </p>
  );
}

function ImportSummary(props: { result: ImportResult }) {
  const r = props.result;
  return (
    <section aria-labelledby="import-result">
      <h2 id="import-result">导入结果</h2>
      <p class="notice" role="status">
        {r.year} 年清单：新增 {r.added} 项，更新 {r.updated} 项，未变 {r.unchanged} 项，跳过{' '}
        {r.skipped.length} 行
      </p>
      {r.skipped.length > 0 && (
        <Table caption="未导入的行" columns={['行号', '原因']}>
          {r.skipped.map((s) => (
            <tr>
              <td>第 {s.row} 行</td>
              <td>{s.reason}</td>
            </tr>
          ))}
        </Table>
      )}
    </section>
  );
}

function ImportForm(props: { csrf: string; year: number; open: boolean; state?: FormState | undefined }) {
  return (
    <details open={props.open || Boolean(props.state)}>
      <summary>导入清单</summary>
      <UploadForm
        action="/admin/key-tasks/import"
        csrf={props.csrf}
        label="导入重点工作清单"
        state={props.state}
      >
        <Field
          name="year"
          label="清单年度"
          inputMode="numeric"
          hint="清单标题中写明年度的，以标题为准"
          state={{
            values: { year: String(props.year), ...props.state?.values },
            errors: props.state?.errors ?? {},
          }}
        />
        <FileField
          name="file"
          label="清单文件"
          accept=".csv,.xlsx"
          hint="CSV 或 Excel（.xlsx），应有“序号、工作任务（重点工作）、具体要求、责任单位、完成时限”等列；重复导入同一文件不会重复添加"
          state={props.state}
        />
        <button type="submit">导入</button>
      </UploadForm>
    </details>
  );
}

/** The items of one year's list, the progress figures, and (for the supervisor) the import form. */
export function KeyTaskListPage(
  props: AdminShell & {
    year: number;
    years: number[];
    items: ItemRow[];
    progress: KeyTaskProgress;
    canManage: boolean;
    importResult?: ImportResult | undefined;
    importState?: FormState | undefined;
  },
) {
  return (
    <AdminLayout {...props} title={`${props.year} 年政务公开重点工作清单`}>
      <TaskTabs current="items" />
      {props.years.length > 1 && (
        <p>
          年度：
          {props.years.map((y) => (
            <>
              {' '}
              <a href={`/admin/key-tasks?year=${y}`} aria-current={y === props.year ? 'page' : undefined}>
                {y}
              </a>
            </>
          ))}
        </p>
      )}
      <ProgressLine progress={props.progress} />
      {props.importResult && <ImportSummary result={props.importResult} />}
      {props.canManage && (
        <ImportForm
          csrf={props.csrf}
          year={props.year}
          open={props.items.length === 0}
          state={props.importState}
        />
      )}
      <Table caption="清单事项" columns={['序号', '工作任务', '完成时限', '责任单位', '已分解任务', '']}>
        {props.items.map((i) => (
          <tr>
            <td>{i.seq}</td>
            <td>
              {i.category && <small class="hint">{i.category}</small>}
              <div>{i.title}</div>
            </td>
            <td class="nowrap">{i.deadline_text}</td>
            <td>{i.lead_units}</td>
            <td>{i.task_count}</td>
            <td>
              <a href={`/admin/key-tasks/items/${i.id}`} aria-label={`查看：${i.title}`}>
                查看
              </a>
            </td>
          </tr>
        ))}
      </Table>
      {props.items.length === 0 && <p class="empty">本年度尚未导入重点工作清单</p>}
    </AdminLayout>
  );
}

export interface OwnerChoices {
  agencies: { id: string; name: string }[];
  users: { id: string; display_name: string; agency_id: string; agency_name: string }[];
}

function DecomposeForm(props: {
  csrf: string;
  itemId: string;
  choices: OwnerChoices;
  state?: FormState | undefined;
}) {
  return (
    <PostForm
      action={`/admin/key-tasks/items/${props.itemId}/tasks`}
      csrf={props.csrf}
      state={props.state}
      label="分解任务"
    >
      <SelectField
        name="agencyId"
        label="责任单位"
        state={props.state}
        options={props.choices.agencies.map((a) => ({ value: a.id, label: a.name }))}
      />
      <SelectField
        name="ownerUserId"
        label="责任人（平台用户）"
        hint="须是所选责任单位的用户；不是平台用户的，在下一项填写姓名"
        placeholder="（不选，填写姓名）"
        state={props.state}
        options={props.choices.users.map((u) => ({
          value: u.id,
          label: u.display_name,
          group: u.agency_name,
        }))}
      />
      <Field name="ownerName" label="责任人姓名" state={props.state} />
      <Field
        name="deadline"
        label="完成时限"
        type="date"
        hint="不填则按清单时限；持续推进的事项可不填"
        state={props.state}
      />
      <TextAreaField
        name="evidenceRequired"
        label="佐证材料要求"
        rows={3}
        hint="如：专栏页面链接、工作方案、会议纪要"
        state={props.state}
      />
      <button type="submit">分解</button>
    </PostForm>
  );
}

/** One list item with its tasks; the supervisor decomposes it here. */
export function KeyTaskItemPage(
  props: AdminShell & {
    item: KeyTaskItem;
    tasks: TaskRow[];
    canManage: boolean;
    choices: OwnerChoices;
    state?: FormState | undefined;
    notice?: string | undefined;
  },
) {
  const i = props.item;
  return (
    <AdminLayout {...props} title={`${i.seq}. ${i.title}`}>
      <TaskTabs current="items" />
      <Notice text={props.notice} ok />
      <dl class="meta-list">
        <dt>所属部分</dt>
        <dd>{i.category || '—'}</dd>
        <dt>具体要求</dt>
        <dd>{i.requirement ? i.requirement.split('\n').map((line) => <p>{line}</p>) : '—'}</dd>
        <dt>责任单位</dt>
        <dd>{i.lead_units || '—'}</dd>
        <dt>完成时限</dt>
        <dd>{i.deadline_text}</dd>
        <dt>来源</dt>
        <dd>
          {i.source_name} 第 {i.source_row} 行
        </dd>
      </dl>
      <Table caption="分解的任务" columns={['责任单位', '责任人', '完成时限', '状态', '佐证材料', '']}>
        {props.tasks.map((t) => (
          <tr>
            <td>{t.agencyName}</td>
            <td>{t.task.owner_name}</td>
            <td class="nowrap">{t.task.deadline_on ?? '持续推进'}</td>
            <StatusCell status={t.status} />
            <td>{t.evidence}</td>
            <td>
              <a href={`/admin/key-tasks/tasks/${t.task.id}`}>办理</a>
            </td>
          </tr>
        ))}
      </Table>
      {props.tasks.length === 0 && <p class="empty">尚未分解任务</p>}
      {props.canManage && (
        <>
          <h2>分解任务</h2>
          <DecomposeForm csrf={props.csrf} itemId={i.id} choices={props.choices} state={props.state} />
        </>
      )}
    </AdminLayout>
  );
}
