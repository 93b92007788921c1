import type { Agency } from '../../../db/schema';
import type { SubjectNode } from '../../../modules/documents';
import { normativeStatusLabels } from '../../../modules/normative';
import type { SearchResult } from '../../../search';
import { formatDate } from './item-list';
import { type PageShell, PortalLayout } from './layout';

export interface SearchForm {
  q: string;
  agency?: string | undefined;
  year?: number | undefined;
  genre?: string | undefined;
  column?: string | undefined;
  subject?: string | undefined;
  validity?: string | undefined;
  page: number;
}

interface Props extends PageShell {
  form: SearchForm;
  agencies: Agency[];
  genres: readonly string[];
  subjects: SubjectNode[];
  result: SearchResult | null;
  pageSize: number;
}

function pageHref(form: SearchForm, page: number): string {
  const params = new URLSearchParams({ q: form.q });
  if (form.agency) params.set('agency', form.agency);
  if (form.year) params.set('year', String(form.year));
  if (form.genre) params.set('genre', form.genre);
  if (form.column) params.set('column', form.column);
  if (form.subject) params.set('subject', form.subject);
  if (form.validity) params.set('validity', form.validity);
  params.set('page', String(page));
  return `/search?${params}`;
}

/** Full-text search across every agency the reader may see, with filters and paging. */
export function SearchPage(props: Props) {
  const { form, result } = props;
  const thisYear = new Date().getUTCFullYear();
  const pages = result ? Math.max(1, Math.ceil(result.total / props.pageSize)) : 1;
  return (
    <PortalLayout
      {...props}
      title={form.q ? `搜索：${form.q}` : '搜索'}
      meta={{ ColumnName: '搜索', ColumnType: '搜索' }}
    >
      <h1>站内搜索</h1>
      <form method="get" action="/search" class="search-form" aria-label="站内搜索">
        <label for="q">关键词</label>
        <input id="q" name="q" type="search" value={form.q} maxLength={100} />
        <label for="agency">部门</label>
        <select id="agency" name="agency">
          <option value="">全部部门</option>
          {props.agencies.map((a) => (
            <option value={a.code} selected={form.agency === a.code}>
              {a.name}
            </option>
          ))}
        </select>
        <label for="year">年份</label>
        <select id="year" name="year">
          <option value="">不限</option>
          {Array.from({ length: 10 }, (_, i) => thisYear - i).map((y) => (
            <option value={String(y)} selected={form.year === y}>
              {y}
            </option>
          ))}
        </select>
        <label for="genre">体裁</label>
        <select id="genre" name="genre">
          <option value="">不限</option>
          {props.genres.map((g) => (
            <option value={g} selected={form.genre === g}>
              {g}
            </option>
          ))}
        </select>
        <label for="subject">主题分类</label>
        <select id="subject" name="subject">
          <option value="">不限</option>
          {props.subjects.map((top) => (
            <optgroup label={top.name}>
              {(top.children.length ? top.children : [top]).map((s) => (
                <option value={s.id} selected={form.subject === s.id}>
                  {s.name}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
        <label for="validity">有效性（规范性文件）</label>
        <select id="validity" name="validity">
          <option value="">不限</option>
          {Object.entries(normativeStatusLabels).map(([value, label]) => (
            <option value={value} selected={form.validity === value}>
              {label}
            </option>
          ))}
        </select>
        {form.column && <input type="hidden" name="column" value={form.column} />}
        <button type="submit">搜索</button>
      </form>
      {!result && <p class="empty">请输入要查找的词语，例如“营商环境”“补贴”。</p>}
      {result && result.total === 0 && (
        <p class="empty" role="status">
          没有找到与“{form.q}”有关的信息。请换一个词，或减少筛选条件。
        </p>
      )}
      {result && result.total > 0 && (
        <>
          <p role="status">
            找到 {result.total} 条结果，第 {form.page}/{pages} 页
          </p>
          <ol class="search-results">
            {result.hits.map((hit) => (
              <li>
                {/* The provider escapes the text and adds only <mark> around matches. */}
                <a href={`/items/${hit.id}`} dangerouslySetInnerHTML={{ __html: hit.titleHtml }} />
                <p dangerouslySetInnerHTML={{ __html: hit.snippetHtml }} />
                <small>
                  {props.agencies.find((a) => a.id === hit.agencyId)?.name} · {formatDate(hit.publishedAt)}
                </small>
              </li>
            ))}
          </ol>
          <nav class="pager" aria-label="分页">
            {form.page > 1 && <a href={pageHref(form, form.page - 1)}>上一页</a>}
            {form.page < pages && <a href={pageHref(form, form.page + 1)}>下一页</a>}
          </nav>
        </>
      )}
    </PortalLayout>
  );
}
