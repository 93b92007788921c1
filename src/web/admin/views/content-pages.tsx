import type { Agency, Item } from '../../../db/schema';
import { formatDateTime } from '../../portal/views/item-list';
import { AdminLayout, type AdminShell, roleSummary } from './layout';
import { Table } from './table';

type StaffItem = {
  id: string;
  title: string;
  status: string;
  visibility: string;
  published_at: string | null;
  agency_id: string;
  view_count: number;
  column_name: string;
};

const visibilityLabels: Record<string, string> = {
  public: '对外公开',
  internal: '对内公开',
  agency: '本部门',
};
const statusLabels: Record<string, string> = { draft: '草稿', published: '已发布' };

function ItemsTable({ items, agencies }: { items: StaffItem[]; agencies: Agency[] }) {
  if (items.length === 0) return <p class="empty">暂无信息</p>;
  return (
    <Table
      caption="本人所在机构的信息"
      columns={['标题', '机构', '栏目', '状态', '范围', '发布时间', '浏览']}
    >
      {items.map((i) => (
        <tr>
          <td>
            <a href={`/admin/items/${i.id}`}>{i.title}</a>
          </td>
          <td>{agencies.find((a) => a.id === i.agency_id)?.short_name}</td>
          <td>{i.column_name}</td>
          <td>{statusLabels[i.status]}</td>
          <td>{visibilityLabels[i.visibility]}</td>
          <td>{i.published_at ? formatDateTime(i.published_at) : '未发布'}</td>
          <td>{i.view_count}</td>
        </tr>
      ))}
    </Table>
  );
}

/** 工作台: who you are, what you can do, and your agencies' latest items. */
export function DashboardPage(props: AdminShell & { agencies: Agency[]; items: StaffItem[] }) {
  const p = props.principal;
  if (!p) return null;
  const myAgencies = props.agencies.filter((a) => p.grants.some((g) => g.agencyId === a.id));
  return (
    <AdminLayout {...props} title="工作台">
      <section class="cards" aria-label="概况">
        <div class="card">
          <h2>我的身份</h2>
          <p>
            {p.displayName}：{roleSummary(p)}
          </p>
          {myAgencies.length > 0 && <p>所在机构：{myAgencies.map((a) => a.name).join('、')}</p>}
        </div>
        {p.grants.length > 0 && (
          <div class="card">
            <h2>信息统计</h2>
            <p>
              共 {props.items.length} 条，其中草稿 {props.items.filter((i) => i.status === 'draft').length} 条
            </p>
          </div>
        )}
        {p.adminRole === 'system' && (
          <div class="card">
            <h2>系统管理</h2>
            <p>
              <a href="/admin/agencies">机构管理</a>　<a href="/admin/users">用户管理</a>
            </p>
          </div>
        )}
        {p.adminRole === 'security' && (
          <div class="card">
            <h2>安全管理</h2>
            <p>
              <a href="/admin/roles">角色授权</a>
            </p>
          </div>
        )}
        {p.adminRole === 'audit' && (
          <div class="card">
            <h2>安全审计</h2>
            <p>
              <a href="/admin/audit">审计日志</a>
            </p>
          </div>
        )}
      </section>
      {p.grants.length > 0 && (
        <section aria-labelledby="recent-h">
          <h2 id="recent-h">最近更新</h2>
          <ItemsTable items={props.items.slice(0, 10)} agencies={props.agencies} />
        </section>
      )}
    </AdminLayout>
  );
}

/** 信息管理: the list of the principal's agencies' items. */
export function StaffItemsPage(props: AdminShell & { agencies: Agency[]; items: StaffItem[] }) {
  return (
    <AdminLayout {...props} title="信息管理">
      <ItemsTable items={props.items} agencies={props.agencies} />
    </AdminLayout>
  );
}

/** One item as staff see it, drafts included. */
export function StaffItemPage(props: AdminShell & { agencies: Agency[]; item: Item }) {
  const { item } = props;
  return (
    <AdminLayout {...props} title={item.title}>
      <dl class="meta-list">
        <dt>机构</dt>
        <dd>{props.agencies.find((a) => a.id === item.agency_id)?.name}</dd>
        <dt>状态</dt>
        <dd>{statusLabels[item.status]}</dd>
        <dt>公开范围</dt>
        <dd>{visibilityLabels[item.visibility]}</dd>
        <dt>发布时间</dt>
        <dd>{formatDateTime(item.published_at) || '—'}</dd>
        <dt>来源</dt>
        <dd>{item.source}</dd>
      </dl>
      <div class="item-body" dangerouslySetInnerHTML={{ __html: item.body_html }} />
      {item.status === 'published' && (
        <p>
          <a href={`/items/${item.id}`}>在门户查看</a>
        </p>
      )}
    </AdminLayout>
  );
}
