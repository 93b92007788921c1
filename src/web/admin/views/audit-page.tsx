import type { AuditLogTable } from '../../../db/schema';
import { formatDateTime } from '../../portal/views/item-list';
import type { AdminShell } from './layout';
import { AdminLayout } from './layout';

interface Props extends AdminShell {
  rows: AuditLogTable[];
  hasMore: boolean;
  query: { action?: string | undefined; actor?: string | undefined; page: number };
  verdict?: string;
  ok?: boolean;
}

/** The audit log, newest first, with filters and the chain check. */
export function AuditPage(props: Props) {
  const next = new URLSearchParams({
    ...(props.query.action ? { action: props.query.action } : {}),
    ...(props.query.actor ? { actor: props.query.actor } : {}),
    page: String(props.query.page + 1),
  });
  return (
    <AdminLayout {...props} title="审计日志">
      {props.verdict && (
        <p class={props.ok ? 'notice' : 'form-error'} role="status">
          {props.verdict}
        </p>
      )}
      <form method="get" action="/admin/audit" class="filters" aria-label="筛选">
        <label>
          操作 <input name="action" value={props.query.action ?? ''} />
        </label>
        <label>
          操作人 <input name="actor" value={props.query.actor ?? ''} />
        </label>
        <button type="submit">筛选</button>
      </form>
      <form method="post" action="/admin/audit/verify" class="inline-form">
        <input type="hidden" name="_csrf" value={props.csrf} />
        <button type="submit">校验审计链完整性</button>
      </form>
      <table>
        <caption>审计记录（时间为北京时间）</caption>
        <thead>
          <tr>
            <th scope="col">序号</th>
            <th scope="col">时间</th>
            <th scope="col">操作人</th>
            <th scope="col">角色</th>
            <th scope="col">来源 IP</th>
            <th scope="col">操作</th>
            <th scope="col">对象</th>
            <th scope="col">结果</th>
            <th scope="col">详情</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((r) => (
            <tr>
              <td>{r.seq}</td>
              <td>{formatDateTime(r.at)}</td>
              <td>{r.actor_name ?? '—'}</td>
              <td>{r.actor_role ?? '—'}</td>
              <td>{r.ip ?? '—'}</td>
              <td>{r.action}</td>
              <td>{r.object_type ? `${r.object_type}:${r.object_id ?? ''}` : '—'}</td>
              <td>{r.outcome === 'success' ? '成功' : '失败'}</td>
              <td class="details">{r.details === '{}' ? '' : r.details}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {props.hasMore && <a href={`/admin/audit?${next}`}>下一页</a>}
    </AdminLayout>
  );
}
