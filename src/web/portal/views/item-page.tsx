import type { Agency, ColumnTable, Item } from '../../../db/schema';
import type { AttachmentView } from '../../../modules/attachments';
import { disclosureLabels, type ItemRelations } from '../../../modules/documents';
import { normativeStatusLabels } from '../../../modules/normative';
import { AttachmentList } from '../../admin/views/attachments-panel';
import { formatDate, formatDateTime } from './item-list';
import { type PageShell, PortalLayout } from './layout';

interface Props extends PageShell {
  agency: Agency;
  column: ColumnTable;
  item: Item;
  subject: string;
  relations: ItemRelations;
  attachments: AttachmentView[];
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
function CatalogueTable({
  item,
  subject,
  relations,
}: {
  item: Item;
  subject: string;
  relations: ItemRelations;
}) {
  const validity = relations.normative ? normativeStatusLabels[relations.normative.entry.status] : '';
  const rows: [string, string][] = [
    ['索引号', item.index_number ?? ''],
    ['主题分类', subject],
    ['发文机关', item.issuer ?? ''],
    ['成文日期', item.written_on ?? ''],
    ['发布日期', formatDate(item.published_at)],
    ['文号', item.doc_number ?? ''],
    ['公开方式', item.disclosure ? disclosureLabels[item.disclosure] : ''],
    ...(validity ? ([['有效性', validity]] as [string, string][]) : []),
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
        {item.index_number && (
          <CatalogueTable item={item} subject={props.subject} relations={props.relations} />
        )}
        <ValidityBanner relations={props.relations} />
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
        <AttachmentList attachments={props.attachments} />
        <RelatedLinks relations={props.relations} />
        <VersionHistory item={item} relations={props.relations} />
      </article>
    </PortalLayout>
  );
}

// The status of a normative document on its own page (law-and-formats.md §3.5: "(该文件已废止)").
function ValidityBanner({ relations }: { relations: ItemRelations }) {
  const n = relations.normative;
  if (!n || n.entry.status === 'in_force') return null;
  const label = normativeStatusLabels[n.entry.status];
  return (
    <p class="validity-banner" role="note">
      【{label}】本文件自 {n.entry.status_date} 起{label}（{n.entry.status_instrument}）。
      {n.successor && (
        <>
          {' '}
          修订后的文件：<a href={`/items/${n.successor.id}`}>{n.successor.title}</a>
        </>
      )}
    </p>
  );
}

/** Both directions of 政策 ↔ 解读, and 修订 links; only what the reader may open is listed. */
function RelatedLinks({ relations }: { relations: ItemRelations }) {
  const interpretations = relations.interpretations.filter(
    (i) => i.status === 'published' && i.visibility === 'public',
  );
  const policy = relations.policy?.status === 'published' ? relations.policy : null;
  const predecessor = relations.normative?.predecessor;
  if (!interpretations.length && !policy && !predecessor) return null;
  return (
    <aside class="related" aria-label="相关信息">
      {policy && (
        <p>
          相关政策：<a href={`/items/${policy.id}`}>{policy.title}</a>
        </p>
      )}
      {interpretations.length > 0 && (
        <>
          <h2>政策解读</h2>
          <ul>
            {interpretations.map((i) => (
              <li>
                <a href={`/items/${i.id}`}>{i.title}</a>（{i.form}）
              </li>
            ))}
          </ul>
        </>
      )}
      {predecessor && (
        <p>
          本文件修订了：<a href={`/items/${predecessor.id}`}>{predecessor.title}</a>
        </p>
      )}
    </aside>
  );
}

/** Corrections are new versions: the page says when and why each earlier version was replaced. */
function VersionHistory({ item, relations }: { item: Item; relations: ItemRelations }) {
  if (relations.versions.length === 0) return null;
  return (
    <aside class="versions" aria-label="版本记录">
      <h2>版本记录</h2>
      <ol>
        {relations.versions.map((v) => (
          <li>
            第 {v.version} 版：{formatDate(v.validFrom)} 发布，{formatDate(v.replacedAt)} 更正（{v.reason}）
          </li>
        ))}
        <li>
          第 {item.version} 版（当前）：
          {formatDate(relations.versions[relations.versions.length - 1]?.replacedAt ?? null)} 起
        </li>
      </ol>
    </aside>
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
