import type { KeyTask, KeyTaskEvent, KeyTaskItem } from '../../../db/schema-tasks';
import { type TaskRow, type TaskStatus, taskStatusLabels } from '../../../modules/tasks';
import { formatDateTime } from '../../portal/views/item-list';
import { ActionButton, Field, type FormState, PostForm, SelectField, TextAreaField } from './form';
import { AdminLayout, type AdminShell } from './layout';
import { Table } from './table';
import { FileField, Notice, TaskTabs, UploadForm } from './task-tabs';

// Tasks of the key-task list: the list by agency and status, and one task with its evidence, progress,
// submission for acceptance, acceptance or return, and history.

/** A status cell, late ones marked in words and colour. */
export function StatusCell(props: { status: TaskStatus }) {
  return <td class={props.status === 'late' ? 'overdue' : undefined}>{taskStatusLabels[props.status]}</td>;
}

export interface TaskFilter {
  year: number;
  agencyId?: string | undefined;
  status?: TaskStatus | undefined;
}

/** The tasks the viewer sees, filtered by year, agency and status. */
export function KeyTaskTasksPage(
  props: AdminShell & { rows: TaskRow[]; filter: TaskFilter; agencies: { id: string; name: string }[] },
) {
  const f = props.filter;
  return (
    <AdminLayout {...props} title="重点工作任务进展">
      <TaskTabs current="tasks" />
      <form method="get" action="/admin/key-tasks/tasks" class="filters" aria-label="筛选">
        <label>
          年度 <input name="year" value={String(f.year)} inputMode="numeric" size={6} />
        </label>
        {props.agencies.length > 1 && (
          <label>
            责任单位{' '}
            <select name="agencyId">
              <option value="">全部</option>
              {props.agencies.map((a) => (
                <option value={a.id} selected={a.id === f.agencyId}>
                  {a.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <label>
          状态{' '}
          <select name="status">
            <option value="">全部</option>
            {Object.entries(taskStatusLabels).map(([value, label]) => (
              <option value={value} selected={value === f.status}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">筛选</button>
      </form>
      <Table
        caption={`${f.year} 年任务`}
        columns={['工作任务', '责任单位', '责任人', '完成时限', '进度', '状态', '']}
      >
        {props.rows.map((r) => (
          <tr class={r.status === 'late' ? 'row-overdue' : undefined}>
            <td>
              {r.itemSeq}. {r.itemTitle}
            </td>
            <td>{r.agencyName}</td>
            <td>{r.task.owner_name}</td>
            <td class="nowrap">{r.task.deadline_on ?? '持续推进'}</td>
            <td>{r.task.progress}%</td>
            <StatusCell status={r.status} />
            <td>
              <a
                href={`/admin/key-tasks/tasks/${r.task.id}`}
                aria-label={`办理：${r.itemTitle}（${r.agencyName}）`}
              >
                办理
              </a>
            </td>
          </tr>
        ))}
      </Table>
      {props.rows.length === 0 && <p class="empty">没有符合条件的任务</p>}
    </AdminLayout>
  );
}

export interface EvidenceView {
  id: string;
  kind: 'item' | 'file';
  note: string;
  item_id: string | null;
  item_title: string | null;
  original_name: string | null;
  size: number | null;
  created_at: string;
}

export interface TaskPageData {
  task: KeyTask;
  item: KeyTaskItem;
  agencyName: string;
  status: TaskStatus;
  evidence: EvidenceView[];
  events: KeyTaskEvent[];
  publishedItems: { id: string; title: string }[];
  can: { work: boolean; editEvidence: boolean; submit: boolean; review: boolean };
  maxFileMb: number;
}

function EvidenceList(props: { data: TaskPageData; csrf: string }) {
  const { task, evidence, can } = props.data;
  return (
    <Table caption="佐证材料" columns={['材料', '类型', '添加时间', '']}>
      {evidence.map((e) => (
        <tr>
          <td>
            {e.kind === 'file' ? (
              <a href={`/admin/key-tasks/tasks/${task.id}/evidence/${e.id}`}>{e.original_name}</a>
            ) : (
              <a href={`/admin/items/${e.item_id}`}>{e.item_title ?? e.note}</a>
            )}
          </td>
          <td>{e.kind === 'file' ? '上传文件' : '已发布信息'}</td>
          <td class="nowrap">{formatDateTime(e.created_at)}</td>
          <td>
            {can.editEvidence && (
              <ActionButton
                action={`/admin/key-tasks/tasks/${task.id}/evidence/${e.id}/delete`}
                csrf={props.csrf}
                label="删除"
              />
            )}
          </td>
        </tr>
      ))}
    </Table>
  );
}

export type FormKey = 'link' | 'upload' | 'progress' | 'return';
type Forms = { state?: FormState | undefined; form?: FormKey | undefined };
const stateFor = (props: Forms, key: FormKey) => (props.form === key ? props.state : undefined);

function EvidenceForms(props: { data: TaskPageData; csrf: string } & Forms) {
  const { task, publishedItems, maxFileMb } = props.data;
  return (
    <>
      <h3>关联已发布信息</h3>
      <PostForm
        action={`/admin/key-tasks/tasks/${task.id}/evidence/link`}
        csrf={props.csrf}
        label="关联已发布信息"
        state={stateFor(props, 'link')}
      >
        <SelectField
          name="itemId"
          label="本单位已发布的信息"
          state={stateFor(props, 'link')}
          options={publishedItems.map((i) => ({ value: i.id, label: i.title }))}
        />
        <button type="submit">关联</button>
      </PostForm>
      <h3>上传文件</h3>
      <UploadForm
        action={`/admin/key-tasks/tasks/${task.id}/evidence`}
        csrf={props.csrf}
        label="上传佐证材料"
        state={stateFor(props, 'upload')}
      >
        <FileField
          name="file"
          label="文件"
          accept=".pdf,.docx,.xlsx,.jpg,.jpeg,.png"
          hint={`PDF、Word（.docx）、Excel（.xlsx）、JPG 或 PNG，不超过 ${maxFileMb} MB`}
          state={stateFor(props, 'upload')}
        />
        <button type="submit">上传</button>
      </UploadForm>
    </>
  );
}

function ReviewForms(props: { taskId: string; csrf: string } & Forms) {
  return (
    <>
      <h2>验收</h2>
      <ActionButton
        action={`/admin/key-tasks/tasks/${props.taskId}/accept`}
        csrf={props.csrf}
        label="验收通过"
      />
      <PostForm
        action={`/admin/key-tasks/tasks/${props.taskId}/return`}
        csrf={props.csrf}
        label="退回"
        state={stateFor(props, 'return')}
      >
        <TextAreaField name="reason" label="退回理由" rows={3} state={stateFor(props, 'return')} />
        <button type="submit" class="secondary">
          退回
        </button>
      </PostForm>
    </>
  );
}

/** One task: what is asked, its evidence, and the actions the viewer may take. */
export function KeyTaskPage(
  props: AdminShell & { data: TaskPageData; notice?: string | undefined; ok?: boolean | undefined } & Forms,
) {
  const { task, item, agencyName, status, events, can } = props.data;
  return (
    <AdminLayout {...props} title={`${item.title}（${agencyName}）`}>
      <TaskTabs current="tasks" />
      <Notice text={props.notice} ok={props.ok} />
      <dl class="meta-list">
        <dt>状态</dt>
        <dd class={status === 'late' ? 'late' : undefined}>{taskStatusLabels[status]}</dd>
        <dt>完成时限</dt>
        <dd>{task.deadline_on ?? '持续推进'}</dd>
        <dt>责任人</dt>
        <dd>{task.owner_name}</dd>
        <dt>进度</dt>
        <dd>
          {task.progress}%{task.progress_note && `：${task.progress_note}`}
        </dd>
        <dt>佐证要求</dt>
        <dd>{task.evidence_required}</dd>
        <dt>清单事项</dt>
        <dd>
          <a href={`/admin/key-tasks/items/${item.id}`}>
            {item.seq}. {item.title}
          </a>
        </dd>
        {task.state === 'returned' && (
          <>
            <dt>退回理由</dt>
            <dd class="late">{task.return_reason}</dd>
          </>
        )}
      </dl>
      <EvidenceList data={props.data} csrf={props.csrf} />
      {props.data.evidence.length === 0 && <p class="empty">尚无佐证材料</p>}
      {can.editEvidence && (
        <EvidenceForms data={props.data} csrf={props.csrf} state={props.state} form={props.form} />
      )}
      {can.work && task.state !== 'accepted' && (
        <>
          <h2>填报进展</h2>
          <PostForm
            action={`/admin/key-tasks/tasks/${task.id}/progress`}
            csrf={props.csrf}
            label="填报进展"
            state={stateFor(props, 'progress')}
          >
            <Field
              name="progress"
              label="完成进度（%）"
              inputMode="numeric"
              state={stateFor(props, 'progress')}
            />
            <TextAreaField name="note" label="进展情况" rows={3} state={stateFor(props, 'progress')} />
            <button type="submit">保存进展</button>
          </PostForm>
        </>
      )}
      {can.submit && (
        <>
          <h2>提交验收</h2>
          <p class="hint">提交后由区政府办或本单位审核人员验收；提交人本人不能验收。</p>
          <ActionButton
            action={`/admin/key-tasks/tasks/${task.id}/submit`}
            csrf={props.csrf}
            label="提交验收"
          />
        </>
      )}
      {can.review && <ReviewForms taskId={task.id} csrf={props.csrf} state={props.state} form={props.form} />}
      <Table caption="办理记录" columns={['时间', '办理人', '事项']}>
        {events.map((e) => (
          <tr>
            <td class="nowrap">{formatDateTime(e.at)}</td>
            <td>{e.actor_name}</td>
            <td>{e.note}</td>
          </tr>
        ))}
      </Table>
    </AdminLayout>
  );
}
