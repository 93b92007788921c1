import type { Agency, ColumnTable, Item } from '../../../db/schema';
import { disclosureLabels } from '../../../modules/documents';
import { formatDate, formatDateTime } from './item-list';
import { type PageShell, PortalLayout } from './layout';

interface Props extends PageShell {
  agency: Agency;
  column: ColumnTable;
  item: Item;
  subject: string;
}

function Breadcrumb({ agency, column }: { agency: Agency; column: ColumnTable }) {
  return (
    <nav aria-label="当前位置" class="breadcrumb">
      当前位置：<a href="/">首页</a> › <a href={`/agencies/${agency.code}`}>{agency.name}</a> ›{' '}
      <a href={`/agencies/${agency.code}/columns/${column.slug}`}>{column.name}</a>
    </nav>
  );
}

// The catalogue block inspectors read (law-and-formats.md §3.1; portal-standards.md, article header).
function CatalogueTable({ item, subject }: { item: Item; subject: string }) {
  const rows: [string, string][] = [
    ['索引号', item.index_number ?? ''],
    ['主题分类', subject],
    ['发文机关', item.issuer ?? ''],
    ['成文日期', item.written_on ?? ''],
    ['发布日期', formatDate(item.published_at)],
    ['文号', item.doc_number ?? ''],
    ['公开方式', item.disclosure ? disclosureLabels[item.disclosure] : ''],
  ];
  return (
    <table class="catalogue">
      <caption class="visually-hidden">信息索引</caption>
      <tbody>
        {rows.map(([label, value]) => (
          <tr>
            <th scope="row">{label}</th>
            <td>{value || '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** An item page with the catalogue table, the header block and the meta tags inspectors read. */
export function ItemPage(props: Props) {
  const { item } = props;
  return (
    <PortalLayout
      {...props}
      title={item.title}
      meta={{
        ColumnName: props.column.name,
        ColumnType: '栏目',
        ArticleTitle: item.title,
        PubDate: formatDateTime(item.published_at),
        ContentSource: item.source,
        Keywords: item.keywords,
        Description: item.summary,
      }}
    >
      <Breadcrumb agency={props.agency} column={props.column} />
      <article class="item">
        {item.index_number && <CatalogueTable item={item} subject={props.subject} />}
        <h1>{item.title}</h1>
        <p class="item-meta">
          <span>发布时间：{formatDateTime(item.published_at)}</span>
          <span>来源：{item.source}</span>
          <span>浏览次数：{item.view_count}</span>
          <button type="button" class="print-button link-like" data-print="1" hidden>
            打印
          </button>
        </p>
        {/* Bodies come from the publishing workflow, which sanitises them on the server. */}
        <div class="item-body" dangerouslySetInnerHTML={{ __html: item.body_html }} />
      </article>
    </PortalLayout>
  );
}

/** What stays public of a withdrawn item: its title, when and why it was withdrawn. */
export function WithdrawnPage(props: PageShell & { agency: Agency; column: ColumnTable; item: Item }) {
  const { item } = props;
  return (
    <PortalLayout {...props} title={item.title}>
      <Breadcrumb agency={props.agency} column={props.column} />
      <h1>{item.title}</h1>
      <p class="notice" role="status">
        该信息已于 {formatDate(item.withdrawn_at)} 撤下。撤下原因：{item.withdrawn_reason}
      </p>
      {item.index_number && <p>索引号：{item.index_number}</p>}
    </PortalLayout>
  );
}
