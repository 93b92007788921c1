import type { Agency } from '../../../db/schema';
import {
  type DeadlineRules,
  LETTER_TYPES,
  type LetterView,
  letterEventLabels,
  letterStatusLabels,
  letterTypeLabels,
  type QueueRow,
  ratingLabels,
  type UnmaskedWriter,
} from '../../../modules/mailbox';
import { ActionButton, Field, type FormState, PostForm } from './form';
import { AdminLayout, type AdminShell } from './layout';
import { LetterActions } from './mailbox-actions';
import { QueueFilters, QueueTable } from './queue-parts';
import { Table } from './table';

// The back office of the 部门信箱: the queue (most urgent first, overdue and red-line letters marked), the
// letter page with its facts, history (who and when) and step forms, and the per-type deadlines.

// Staff read times in Beijing time (UTC+8), as the dates of the letter are China days.
const beijingTime = (iso: string) =>
  new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

function dueCell(r: QueueRow) {
  if (r.daysLeft === null) return <span class="muted">—</span>;
  const text = r.daysLeft < 0 ? `逾期 ${-r.daysLeft} 个工作日（已督办）` : `剩 ${r.daysLeft} 个工作日`;
  return (
    <span class={r.daysLeft < 0 ? 'due due-overdue' : r.daysLeft <= 2 ? 'due due-2' : 'due'}>
      <span class="nowrap">{r.letter.due_on}</span>
      <br />
      <small>{text}</small>
      {r.redLineNear && (
        <>
          <br />
          <strong class="due-overdue">收信满两个月：三个月红线预警</strong>
        </>
      )}
    </span>
  );
}

/** GET /admin/mailbox: the queue with filters. */
export function MailboxQueuePage(
  props: AdminShell & {
    rows: QueueRow[];
    agencies: Agency[];
    filter: { status: string; agency: string };
    supervisor: boolean;
    canEditRules: boolean;
  },
) {
  return (
    <AdminLayout {...props} title="部门信箱">
      {props.canEditRules && (
        <p>
          <a href="/admin/mailbox-rules">答复时限设置</a>
        </p>
      )}
      <QueueFilters
        action="/admin/mailbox"
        statusLabels={letterStatusLabels}
        leading={[
          { value: 'open', label: '未办结（全部）' },
          { value: '', label: '全部' },
        ]}
        filter={props.filter}
        agencies={props.supervisor ? props.agencies : null}
      />
      <QueueTable
        count={props.rows.length}
        empty="没有符合条件的来信。"
        caption="来信列表（按答复期限排序）"
        columns={['信件编号', '单位', '类型', '标题', '状态', '答复期限']}
      >
        {props.rows.map((r) => (
          <tr class={r.daysLeft !== null && r.daysLeft < 0 ? 'row-overdue' : undefined}>
            <td class="nowrap">
              <a href={`/admin/mailbox/${r.letter.id}`}>{r.letter.tracking_number}</a>
            </td>
            <td>{r.agencyName}</td>
            <td class="nowrap">{letterTypeLabels[r.letter.type]}</td>
            <td>{r.letter.subject}</td>
            <td class="nowrap">{letterStatusLabels[r.letter.status]}</td>
            <td>{dueCell(r)}</td>
          </tr>
        ))}
      </QueueTable>
    </AdminLayout>
  );
}

function Facts({ view }: { view: LetterView }) {
  const l = view.letter;
  const rows: [string, string | null | undefined][] = [
    ['状态', letterStatusLabels[l.status]],
    ['类型', letterTypeLabels[l.type]],
    ['承办单位', view.agencyName],
    ['收信单位', view.firstAgencyName !== view.agencyName ? view.firstAgencyName : null],
    ['来信人', l.writer_name_masked],
    ['联系电话', l.phone_masked],
    ['电子邮箱', l.email_masked || '未填写'],
    ['是否同意公开', l.consent ? '同意' : '不同意'],
    ['收信日期（起算日）', l.received_on ?? '待确认'],
    ['答复期限', l.due_on ? `${l.due_on}（${l.deadline_days} 个工作日）` : null],
    ['三个月红线', view.redLine ? `${view.redLine.redLineOn}（${view.redLine.alarmOn} 起预警）` : null],
    ['承办人', view.assignee],
    ['待核原因', l.held_reason],
    ['主信件', view.primaryTracking],
    ['并入的重复来信', view.duplicates.join('、') || null],
    ['答复日期', l.answered_on],
    ['不予受理理由', l.invalid_reason],
    ['选登', l.published && l.published_at ? `已公开（${beijingTime(l.published_at).slice(0, 10)}）` : null],
    ['来信人评价', l.rating ? ratingLabels[l.rating] : null],
  ];
  return (
    <dl class="meta-list letter-facts">
      {rows
        .filter(([, v]) => v)
        .map(([k, v]) => (
          <>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </>
        ))}
    </dl>
  );
}

// The writer's full data on request only (handlers), each look recorded; otherwise the masked facts.
function WriterPanel(props: { view: LetterView; csrf: string; writer: UnmaskedWriter | undefined }) {
  const w = props.writer;
  if (w)
    return (
      <p class="notice writer-unmasked" role="status">
        来信人：{w.name}　电话：{w.phone}
        {w.email ? `　邮箱：${w.email}` : ''}（本次查看已记录）
      </p>
    );
  if (!props.view.canUnmask) return null;
  return (
    <ActionButton
      action={`/admin/mailbox/${props.view.letter.id}/unmask`}
      csrf={props.csrf}
      label="查看来信人完整联系方式（将记录）"
    />
  );
}

/** GET /admin/mailbox/:id: one letter. */
export function LetterPage(
  props: AdminShell & {
    view: LetterView;
    state?: FormState | undefined;
    writer?: UnmaskedWriter | undefined;
  },
) {
  const { view } = props;
  const l = view.letter;
  return (
    <AdminLayout {...props} title={`来信 ${l.tracking_number}`}>
      <p>
        <a href="/admin/mailbox">返回来信列表</a>
      </p>
      <Facts view={view} />
      <WriterPanel view={view} csrf={props.csrf} writer={props.writer} />
      <section aria-labelledby="content-h">
        <h2 id="content-h">{l.subject}</h2>
        <p class="request-text">{l.content}</p>
      </section>
      {(l.reply || l.reply_draft) && (
        <section aria-labelledby="reply-h">
          <h2 id="reply-h">{l.reply ? '答复' : '答复稿'}</h2>
          <p class="request-text letter-reply">{l.reply ?? l.reply_draft}</p>
        </section>
      )}
      {l.published === 1 && (
        <section aria-labelledby="pub-h">
          <h2 id="pub-h">公开文本</h2>
          <p>
            <a href={`/mailbox/letters/${l.id}`}>在网站上查看</a>
          </p>
          <p class="request-text">{l.published_content}</p>
          <p class="request-text">{l.published_reply}</p>
        </section>
      )}
      <section aria-labelledby="steps-h">
        <h2 id="steps-h">办理</h2>
        {view.actions.length === 0 ? (
          <p>您当前没有可办理的步骤。</p>
        ) : (
          <LetterActions view={view} csrf={props.csrf} state={props.state} />
        )}
      </section>
      <section aria-labelledby="history-h">
        <h2 id="history-h">办理记录</h2>
        <Table caption="办理记录（谁、何时）" columns={['时间（北京时间）', '步骤', '经办人', '说明']}>
          {view.events.map((e) => (
            <tr>
              <td class="nowrap">{beijingTime(e.at)}</td>
              <td>{letterEventLabels[e.kind] ?? e.kind}</td>
              <td>{e.actor_name}</td>
              <td>{e.note}</td>
            </tr>
          ))}
        </Table>
      </section>
    </AdminLayout>
  );
}

/** GET /admin/mailbox-rules: the per-type deadlines. */
export function MailboxRulesPage(
  props: AdminShell & { rules: DeadlineRules; state?: FormState | undefined; saved?: boolean },
) {
  const values =
    props.state?.values ?? Object.fromEntries(LETTER_TYPES.map((t) => [t, String(props.rules[t])]));
  return (
    <AdminLayout {...props} title="部门信箱答复时限">
      <p>
        各类来信自收信之次日起按工作日计算答复期限。修改只适用于此后收到的来信，已收来信按收信时的时限办理。
      </p>
      {props.saved && (
        <p class="notice" role="status">
          已保存。
        </p>
      )}
      <PostForm action="/admin/mailbox-rules" csrf={props.csrf} state={props.state} label="答复时限">
        {LETTER_TYPES.map((t) => (
          <Field
            name={t}
            label={`${letterTypeLabels[t]}（工作日）`}
            state={{ ...props.state, values }}
            inputMode="numeric"
          />
        ))}
        <p>
          <button type="submit">保存</button>
        </p>
      </PostForm>
    </AdminLayout>
  );
}
