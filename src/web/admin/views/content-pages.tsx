import type { Agency } from '../../../db/schema';
import type { QueueRow } from '../../../modules/applications';
import { formatDateTime } from '../../portal/views/item-list';
import { statusLabels } from './item-detail';
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
          <td>{statusLabels[i.status as keyof typeof statusLabels]}</td>
          <td>{visibilityLabels[i.visibility]}</td>
          <td>{i.published_at ? formatDateTime(i.published_at) : '未发布'}</td>
          <td>{i.view_count}</td>
        </tr>
      ))}
    </Table>
  );
}

/** 工作台: who you are, what you can do, and your agencies' latest items. */
export function DashboardPage(
  props: AdminShell & {
    agencies: Agency[];
    /** The latest changes. */
    items: StaffItem[];
    counts: { total: number; drafts: number };
    cases: QueueRow[];
    missingYear: number | null;
  },
) {
  const p = props.principal;
  if (!p) return null;
  const myAgencies = props.agencies.filter((a) => p.grants.some((g) => g.agencyId === a.id));
  return (
    <AdminLayout {...props} title="工作台">
      {props.missingYear !== null && (
        <p class="form-error" role="alert">
          {`尚无 ${props.missingYear} 年工作日历：依申请公开等期限将只按周末计算。`}
          {p.adminRole === 'system' ? (
            <a href="/admin/calendar">请在“工作日历”中录入国务院办公厅的节假日安排。</a>
          ) : (
            '请联系系统管理员录入国务院办公厅的节假日安排。'
          )}
        </p>
      )}
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
              共 {props.counts.total} 条，其中草稿 {props.counts.drafts} 条　
              <a href="/admin/items">信息管理</a>
            </p>
          </div>
        )}
        {p.grants.length > 0 && <ApplicationsCard cases={props.cases} />}
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
          <ItemsTable items={props.items} agencies={props.agencies} />
        </section>
      )}
    </AdminLayout>
  );
}

/** The dashboard's warning on 依申请公开 cases: open, due soon, overdue, waiting in the holding queue. */
function ApplicationsCard(props: { cases: QueueRow[] }) {
  const count = (f: (r: QueueRow) => boolean) => props.cases.filter(f).length;
  const overdue = count((r) => r.warn === 'overdue');
  const soon = count((r) => r.warn === 'soon');
  const held = count((r) => r.app.status === 'held');
  return (
    <div class={overdue ? 'card card-alert' : 'card'}>
      <h2>依申请公开</h2>
      <p>
        办理中 {props.cases.length} 件；<span class={soon ? 'due-soon' : undefined}>临近期限 {soon} 件</span>
        ；<span class={overdue ? 'due-overdue' : undefined}>已逾期 {overdue} 件</span>
        {held > 0 && `；待核 ${held} 件`}
      </p>
      <p>
        <a href="/admin/applications">进入办理</a>
      </p>
    </div>
  );
}

/** 信息管理: the list of the principal's agencies' items. */
export function StaffItemsPage(
  props: AdminShell & {
    agencies: Agency[];
    items: StaffItem[];
    page: number;
    hasMore: boolean;
    pending: { id: string; title: string }[];
    expiring: { id: string; title: string; valid_until: string }[];
    uninterpreted: { id: string; title: string; note: string }[];
    late: { id: string; title: string; note: string }[];
  },
) {
  const isEditor = props.principal?.grants.some((g) => g.role === 'editor');
  return (
    <AdminLayout {...props} title="信息管理">
      {isEditor && (
        <p>
          <a class="button" href="/admin/items/new">
            新建信息
          </a>
        </p>
      )}
      {props.pending.length > 0 && (
        <section aria-labelledby="pending-h" class="card">
          <h2 id="pending-h">待我审核（{props.pending.length}）</h2>
          <ul>
            {props.pending.map((i) => (
              <li>
                <a href={`/admin/items/${i.id}`}>{i.title}</a>
              </li>
            ))}
          </ul>
        </section>
      )}
      <AttentionList
        title="即将到期的规范性文件（6 个月内）"
        items={props.expiring.map((e) => ({ ...e, note: `有效期至 ${e.valid_until}` }))}
      />
      <AttentionList title="尚无已发布解读的政策" items={props.uninterpreted} />
      <AttentionList title="超过 20 个工作日才发布的信息（条例第二十六条）" items={props.late} />
      <ItemsTable items={props.items} agencies={props.agencies} />
      {(props.page > 1 || props.hasMore) && (
        <nav class="pager" aria-label="分页">
          {props.page > 1 && <a href={`/admin/items?page=${props.page - 1}`}>上一页</a>}
          <span>第 {props.page} 页</span>
          {props.hasMore && <a href={`/admin/items?page=${props.page + 1}`}>下一页</a>}
        </nav>
      )}
    </AdminLayout>
  );
}

function AttentionList(props: { title: string; items: { id: string; title: string; note?: string }[] }) {
  if (props.items.length === 0) return null;
  return (
    <section class="card" aria-label={props.title}>
      <h2>
        {props.title}（{props.items.length}）
      </h2>
      <ul>
        {props.items.map((i) => (
          <li>
            <a href={`/admin/items/${i.id}`}>{i.title}</a>
            {i.note && `　${i.note}`}
          </li>
        ))}
      </ul>
    </section>
  );
}
