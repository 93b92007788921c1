import type { Agency, ColumnTable } from '../../../db/schema';
import { columnSections, sectionOfColumn } from '../../../modules/catalog';
import { ItemList } from './item-list';
import { type PageShell, PortalLayout } from './layout';

type Listed = { id: string; title: string; published_at: string | null };

/** The district portal home. */
export function HomePage(props: PageShell & { agencies: Agency[]; latest: Listed[] }) {
  const departments = props.agencies.filter((a) => a.kind === 'department');
  return (
    <PortalLayout {...props} title="首页" meta={{ ColumnName: '首页', ColumnType: '首页' }}>
      <h1>{props.site.name}信息公开</h1>
      <section aria-labelledby="latest-h">
        <h2 id="latest-h">最新公开信息</h2>
        <ItemList items={props.latest} />
      </section>
      <section aria-labelledby="departments">
        <h2 id="departments">部门信息公开</h2>
        <ul class="agency-grid">
          {departments.map((a) => (
            <li>
              <a href={`/agencies/${a.code}`}>{a.name}</a>
            </li>
          ))}
        </ul>
      </section>
    </PortalLayout>
  );
}

/** An agency's disclosure channel: its columns and newest items. */
export function AgencyPage(props: PageShell & { agency: Agency; columns: ColumnTable[]; latest: Listed[] }) {
  return (
    <PortalLayout
      {...props}
      title={props.agency.name}
      meta={{ ColumnName: props.agency.name, ColumnType: '部门' }}
    >
      <h1>{props.agency.name}</h1>
      <div class="two-col">
        <nav aria-label="政府信息公开栏目">
          {columnSections.map(([section, label]) => {
            const columns = props.columns.filter((c) => sectionOfColumn(c.slug) === section);
            if (columns.length === 0) return null;
            return (
              <>
                <h2 class="nav-section">{label}</h2>
                <ul class="column-nav">
                  {columns.map((c) => (
                    <li>
                      <a href={`/agencies/${props.agency.code}/columns/${c.slug}`}>{c.name}</a>
                    </li>
                  ))}
                </ul>
              </>
            );
          })}
        </nav>
        <section aria-labelledby="agency-latest">
          <h2 id="agency-latest">最新信息</h2>
          <ItemList items={props.latest} />
          <p>
            <a href={`/apply/${props.agency.code}`}>向{props.agency.name}申请政府信息公开</a>
          </p>
        </section>
      </div>
    </PortalLayout>
  );
}

/** A column's listing, paged. */
export function ColumnPage(
  props: PageShell & {
    agency: Agency;
    column: ColumnTable;
    items: Listed[];
    page: number;
    pages: number;
    total: number;
  },
) {
  const base = `/agencies/${props.agency.code}/columns/${props.column.slug}`;
  return (
    <PortalLayout
      {...props}
      title={`${props.column.name} - ${props.agency.name}`}
      feed={{ title: `${props.column.name} - ${props.agency.name}`, href: `${base}/feed.xml` }}
      meta={{
        ColumnName: props.column.name,
        ColumnDescription: props.column.description,
        ColumnType: '栏目',
      }}
    >
      <nav aria-label="当前位置" class="breadcrumb">
        当前位置：<a href="/">首页</a> › <a href={`/agencies/${props.agency.code}`}>{props.agency.name}</a> ›{' '}
        {props.column.name}
      </nav>
      <h1>{props.column.name}</h1>
      <ItemList items={props.items} />
      <nav aria-label="分页" class="pager">
        <span>
          共 {props.total} 条，第 {props.page}/{props.pages} 页
        </span>
        {props.page > 1 && <a href={`${base}?page=${props.page - 1}`}>上一页</a>}
        {props.page < props.pages && <a href={`${base}?page=${props.page + 1}`}>下一页</a>}
      </nav>
    </PortalLayout>
  );
}
