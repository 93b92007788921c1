import type { Item, ReviewActionTable } from '../../../db/schema';
import type { CheckedPart } from '../../../modules/compliance';
import {
  disclosureBases,
  disclosureLabels,
  type ItemRelations,
  type ReviewStep,
  type Timeliness,
} from '../../../modules/documents';
import { formatDateTime } from '../../portal/views/item-list';
import { AttachmentsPanel, type AttachmentsPanelData } from './attachments-panel';
import { CompliancePanel } from './compliance-panel';
import { ActionButton, type FormState } from './form';
import { RelationsPanel } from './item-relations';
import { AdminLayout, type AdminShell } from './layout';
import { Table } from './table';

export const statusLabels: Record<Item['status'], string> = {
  draft: '草稿',
  in_review: '审核中',
  approved: '已签发',
  published: '已发布',
  withdrawn: '已撤下',
};

export interface ItemView {
  item: Item;
  agencyName: string;
  columnName: string;
  subject: string;
  chain: ReviewStep[];
  history: ReviewActionTable[];
  can: {
    edit: boolean;
    submit: boolean;
    review: boolean;
    withdraw: boolean;
    changeNormative: boolean;
    correct: boolean;
  };
  relations: ItemRelations;
  timeliness: Timeliness | null;
  attachments: AttachmentsPanelData;
  successorChoices: { id: string; title: string }[];
  compliance: CheckedPart[] | null; // the pre-publication checks while in review
  state?: FormState | undefined;
}

/** Where the item stands, in words. */
export function stageOf(item: Item, chain: ReviewStep[]): string {
  if (item.status === 'in_review') return `审核中：${chain[item.review_step ?? 0]?.label ?? ''}`;
  if (item.status === 'approved' && item.disclosure === 'proactive')
    return `已签发，定时发布于 ${formatDateTime(item.scheduled_at)}`;
  return statusLabels[item.status];
}

function ReviewPanel(props: AdminShell & ItemView) {
  const step = props.chain[props.item.review_step ?? 0];
  const finalStep = (props.item.review_step ?? 0) === props.chain.length - 1;
  const s = props.state;
  return (
    <form
      method="post"
      action={`/admin/items/${props.item.id}/review`}
      class="form review-panel"
      aria-label="审核"
    >
      <h2>{step?.label}</h2>
      {s?.message && (
        <p class="form-error" role="alert">
          {s.message}
        </p>
      )}
      <input type="hidden" name="_csrf" value={props.csrf} />
      <div class="field">
        <label for="f-opinion">审核意见</label>
        <textarea id="f-opinion" name="opinion" rows={3} />
      </div>
      {finalStep && props.compliance?.some((p) => p.findings.some((f) => f.veto)) && (
        <div class="field">
          <label for="f-overruleReason">签发理由（存在须整改问题仍签发时填写，记入审计日志）</label>
          <textarea id="f-overruleReason" name="overruleReason" rows={2} />
        </div>
      )}
      {step?.secrecyReview && (
        <label class="choice">
          <input type="checkbox" name="secrecyChecked" value="1" /> 已完成保密审查，不涉及国家秘密和工作秘密
        </label>
      )}
      <p>
        <button type="submit" name="decision" value="approve">
          同意
        </button>{' '}
        <button type="submit" name="decision" value="return" class="secondary">
          退回修改
        </button>
      </p>
    </form>
  );
}

/** One item in the back office: its metadata, what the viewer may do with it, and every opinion so far. */
export function ItemDetailPage(props: AdminShell & ItemView) {
  const { item, can } = props;
  return (
    <AdminLayout {...props} title={item.title}>
      <p class="status-line">
        <strong>{stageOf(item, props.chain)}</strong>
        {item.index_number && <span>索引号：{item.index_number}</span>}
        {props.timeliness?.late && (
          <span class="late" role="note">
            超过条例第二十六条时限：形成于 {props.timeliness.formedOn}，应于 {props.timeliness.deadline}{' '}
            前公开，实际在第 {props.timeliness.workingDays} 个工作日发布
          </span>
        )}
        {item.status === 'published' && <a href={`/items/${item.id}`}>在门户查看</a>}
        <a href={`/admin/items/${item.id}/review-form`}>打印审查单</a>
      </p>
      {props.state?.message && !can.review && (
        <p class="form-error" role="alert">
          {props.state.message}
        </p>
      )}
      <div class="actions">
        {can.edit && (
          <a class="button secondary" href={`/admin/items/${item.id}/edit`}>
            编辑
          </a>
        )}
        {can.submit && (
          <ActionButton action={`/admin/items/${item.id}/submit`} csrf={props.csrf} label="报审" />
        )}
      </div>
      {props.compliance && <CompliancePanel parts={props.compliance} />}
      {can.review && <ReviewPanel {...props} />}
      {can.correct && (
        <form method="post" action={`/admin/items/${item.id}/correct`} class="form" aria-label="更正">
          <input type="hidden" name="_csrf" value={props.csrf} />
          <div class="field">
            <label for="f-correct">更正原因（将显示在版本记录中）</label>
            <input id="f-correct" name="reason" />
          </div>
          <button type="submit" class="secondary">
            发起更正
          </button>
        </form>
      )}
      {can.withdraw && (
        <form method="post" action={`/admin/items/${item.id}/withdraw`} class="form" aria-label="撤下">
          <input type="hidden" name="_csrf" value={props.csrf} />
          <div class="field">
            <label for="f-reason">撤下原因（将在门户显示）</label>
            <input id="f-reason" name="reason" />
          </div>
          <button type="submit" class="secondary">
            撤下
          </button>
        </form>
      )}
      <dl class="meta-list">
        <dt>单位 / 栏目</dt>
        <dd>
          {props.agencyName} / {props.columnName}
        </dd>
        <dt>文号</dt>
        <dd>{item.doc_number ?? '—'}</dd>
        <dt>发文机关</dt>
        <dd>{item.issuer ?? '—'}</dd>
        <dt>成文日期</dt>
        <dd>{item.written_on ?? '—'}</dd>
        <dt>主题分类</dt>
        <dd>{props.subject || '—'}</dd>
        <dt>体裁</dt>
        <dd>{item.genre ?? '—'}</dd>
        <dt>公开属性</dt>
        <dd>
          {item.disclosure ? disclosureLabels[item.disclosure] : '未认定'}
          {item.disclosure_basis &&
            `（${disclosureBases[item.disclosure_basis as keyof typeof disclosureBases] ?? item.disclosure_basis}：${item.disclosure_reason ?? ''}）`}
        </dd>
      </dl>
      <RelationsPanel
        itemId={item.id}
        relations={props.relations}
        csrf={props.csrf}
        canChangeNormative={can.changeNormative}
        successorChoices={props.successorChoices}
      />
      <AttachmentsPanel {...props.attachments} csrf={props.csrf} />
      <div class="item-body" dangerouslySetInnerHTML={{ __html: item.body_html }} />
      <ReviewHistory history={props.history} />
    </AdminLayout>
  );
}

const actionLabels: Record<ReviewActionTable['action'], string> = {
  submit: '报审',
  approve: '同意',
  return: '退回',
  publish: '发布',
  withdraw: '撤下',
};

/** The opinions so far, also the body of the printable 审查单. */
export function ReviewHistory({ history }: { history: ReviewActionTable[] }) {
  return (
    <Table caption="审核记录" columns={['环节', '处理', '人员', '意见', '时间']}>
      {history.map((h) => (
        <tr>
          <td>{h.step_label}</td>
          <td>{actionLabels[h.action]}</td>
          <td>{h.actor_name}</td>
          <td>
            {h.opinion}
            {h.secrecy_checked ? '（已保密审查）' : ''}
          </td>
          <td class="nowrap">{formatDateTime(h.at)}</td>
        </tr>
      ))}
    </Table>
  );
}
