import type { AuditLogTable } from '../../../db/schema';
import { roleLabels } from '../../../modules/accounts';
import { auditActionLabel, auditActionLabels } from '../../../modules/audit';
import { formatDateTime } from '../../portal/views/item-list';
import { AdminLayout, type AdminShell } from './layout';
import { Table } from './table';

export interface AuditFilter {
  action?: string | undefined;
  actor?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  page: number;
}

interface Props extends AdminShell {
  rows: AuditLogTable[];
  hasMore: boolean;
  query: AuditFilter;
  verdict?: string;
  ok?: boolean;
}

function filterParams(q: AuditFilter, page?: number): string {
  const entries = Object.entries({ action: q.action, actor: q.actor, from: q.from, to: q.to, page });
  return new URLSearchParams(
    entries.filter((e): e is [string, string] => Boolean(e[1])).map(([k, v]) => [k, String(v)]),
  ).toString();
}

const roleLabel = (role: string | null) =>
  role && role in roleLabels ? roleLabels[role as keyof typeof roleLabels] : (role ?? '—');

/** The audit log, newest first, with filters, export and the chain check. */
export function AuditPage(props: Props) {
  const q = props.query;
  return (
    <AdminLayout {...props} title="审计日志">
      {props.verdict && (
        <p class={props.ok ? 'notice' : 'form-error'} role="status">
          {props.verdict}
        </p>
      )}
      <form method="get" action="/admin/audit" class="filters" aria-label="筛选审计记录">
        <label>
          操作
          <select name="action">
            <option value="">全部</option>
            {Object.entries(auditActionLabels).map(([code, label]) => (
              <option value={code} selected={q.action === code}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label>
          操作人（用户名）
          <input name="actor" value={q.actor ?? ''} />
        </label>
        <label>
          起始日期
          <input type="date" name="from" value={q.from ?? ''} />
        </label>
        <label>
          截止日期
          <input type="date" name="to" value={q.to ?? ''} />
        </label>
        <button type="submit">筛选</button>
        <a class="button secondary" href={`/admin/audit/export.csv?${filterParams(q)}`}>
          导出 CSV
        </a>
      </form>
      <form method="post" action="/admin/audit/verify" class="inline-form">
        <input type="hidden" name="_csrf" value={props.csrf} />
        <button type="submit" class="secondary">
          校验审计链完整性
        </button>
      </form>
      <Table
        class="audit"
        caption="审计记录（北京时间，最新在前）"
        columns={['序号', '时间', '操作人', '角色', '来源 IP', '操作', '对象', '结果', '详情']}
      >
        {props.rows.map((r) => (
          <tr>
            <td>{r.seq}</td>
            <td class="nowrap">{formatDateTime(r.at)}</td>
            <td>{r.actor_name ?? '—'}</td>
            <td>{roleLabel(r.actor_role)}</td>
            <td>{r.ip ?? '—'}</td>
            <td>{auditActionLabel(r.action)}</td>
            <td class="details">
              {r.object_type ? `${r.object_type} ${r.object_id?.slice(-8) ?? ''}` : '—'}
            </td>
            <td class="nowrap">{r.outcome === 'success' ? '成功' : '失败'}</td>
            <td class="details">{r.details === '{}' ? '' : r.details}</td>
          </tr>
        ))}
      </Table>
      {props.rows.length === 0 && <p class="empty">没有符合条件的记录</p>}
      <nav class="pager" aria-label="分页">
        {q.page > 1 && <a href={`/admin/audit?${filterParams(q, q.page - 1)}`}>上一页</a>}
        {props.hasMore && <a href={`/admin/audit?${filterParams(q, q.page + 1)}`}>下一页</a>}
      </nav>
    </AdminLayout>
  );
}
