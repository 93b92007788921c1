import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCorpus } from '../bench/search/corpus';
import type { VisibilityScope } from '../src/modules/catalog';
import { anonymousScope, isVisible } from '../src/modules/catalog';
import {
  createSearchProvider,
  type SearchDocument,
  type SearchProvider,
  type SearchQuery,
} from '../src/search';
import { foldText } from '../src/search/char-fold';
import { loggedVersion } from '../src/search/index-generation';
import { anonymousQueryMayFind, testableVersion } from '../src/search/query-match';
import { createTestContext, type TestContext, testDatabases } from './helpers/test-context';

// Recall is checked against brute force: every visible fixture document that contains the query
// (title or text, after the same folding) must come back, and nothing else.

const everything: VisibilityScope = { internal: true, agencyIds: 'all' };
const deep = '政务公开'.repeat(500);

function doc(id: string, fields: Partial<SearchDocument>): SearchDocument {
  return {
    id,
    agencyId: 'agency-a',
    columnId: 'col-notice',
    title: '测试文件',
    text: '测试正文',
    publishedAt: '2024-05-01T00:00:00.000Z',
    genre: null,
    subject: null,
    validity: null,
    visibility: 'public',
    ...fields,
  };
}

const specials: SearchDocument[] = [
  doc('s-title', { title: '关于量子通信试点的通知', text: '为推进试点，现将有关事项通知如下。' }),
  doc('s-deep', { title: '关于试点的通知', text: `${deep}量子通信${deep}` }),
  doc('s-script', {
    title: '脚本<b>测试</b>',
    text: '正文含有 <script>alert("x")</script> 与 & 符号，脚本测试。',
  }),
  doc('s-trad', { title: '關於資源交易平臺的公告', text: '臺灣地區資源交易規則' }),
  doc('s-tail', { title: '尾字', text: '本段以税' }),
  doc('s-wide', { title: '标准', text: '执行ＧＢ／Ｔ　９７０４标准' }),
  doc('s-cross', { title: '各自建立', text: '各部门各自建立台账' }),
  doc('v-public', { title: '可见性测试公开', visibility: 'public' }),
  doc('v-internal', { title: '可见性测试对内', visibility: 'internal' }),
  doc('v-agency-a', { title: '可见性测试本部门甲', visibility: 'agency', agencyId: 'agency-a' }),
  doc('v-agency-b', { title: '可见性测试本部门乙', visibility: 'agency', agencyId: 'agency-b' }),
];

const fixtures = [...generateCorpus(300, { seed: 7, minLength: 200, maxLength: 1200 }), ...specials];

// The same folding the index applies (unit-tested in src/search/char-fold.test.ts).
const fold = foldText;
function expectedIds(
  terms: string[],
  scope: VisibilityScope,
  filter = (_: SearchDocument) => true,
): string[] {
  return fixtures
    .filter((d) => isVisible(scope, { status: 'published', visibility: d.visibility, agency_id: d.agencyId }))
    .filter(filter)
    .filter((d) => terms.map(fold).every((t) => fold(d.title).includes(t) || fold(d.text).includes(t)))
    .map((d) => d.id)
    .sort();
}

async function allIds(search: SearchProvider, q: Omit<SearchQuery, 'page' | 'pageSize'>): Promise<string[]> {
  const ids: string[] = [];
  for (let page = 1; ; page++) {
    const r = await search.search({ ...q, page, pageSize: 100 });
    ids.push(...r.hits.map((h) => h.id));
    if (r.hits.length < 100) return ids.sort();
  }
}

describe.each(testDatabases())('search on %s', (kind) => {
  let ctx: TestContext;
  let search: SearchProvider;
  beforeAll(async () => {
    ctx = await createTestContext(kind);
    search = createSearchProvider(ctx.db);
    await search.ensureSchema();
    await search.ensureSchema();
    await search.upsert(fixtures);
  });
  afterAll(async () => {
    await ctx.close();
  });

  it.each(['资源交易', '自建', '税', '交易', '2024', 'GB/T', '的', '公开', '量子通信'])(
    'finds every visible document containing %s',
    async (term) => {
      const expected = expectedIds([term], everything);
      expect(expected.length).toBeGreaterThan(0);
      expect(await allIds(search, { q: term, scope: everything })).toEqual(expected);
      const r = await search.search({ q: term, scope: everything, page: 1, pageSize: 5 });
      expect(r.total).toBe(expected.length);
    },
  );

  it('finds a word that straddles a jieba word boundary and a character at the very end of a text', async () => {
    expect(await allIds(search, { q: '自建', scope: everything })).toContain('s-cross');
    expect(await allIds(search, { q: '以税', scope: everything })).toEqual(['s-tail']);
  });

  it('treats space-separated words as AND, mixing short and long terms', async () => {
    for (const q of ['税 2024', '资源交易 自建', '工作 安全隐患 的', '交易 税']) {
      const terms = q.split(' ');
      const expected = expectedIds(terms, everything);
      expect(await allIds(search, { q, scope: everything })).toEqual(expected);
      expect(expected.length).toBeLessThan(expectedIds([terms[0] as string], everything).length);
    }
  });

  it('folds traditional characters, full width and case on both sides', async () => {
    const simplified = await allIds(search, { q: '资源交易', scope: everything });
    expect(await allIds(search, { q: '資源交易', scope: everything })).toEqual(simplified);
    expect(simplified).toContain('s-trad');
    expect(await allIds(search, { q: 'ＧＢ／Ｔ ９７０４', scope: everything })).toContain('s-wide');
    expect(await allIds(search, { q: 'GB/T 9704', scope: everything })).toContain('s-wide');
    const r = await search.search({ q: '  臺灣   地區 ', scope: everything, page: 1, pageSize: 10 });
    expect(r.query).toBe('台湾 地区');
    expect(r.hits.map((h) => h.id)).toEqual(['s-trad']);
  });

  it('applies each filter exactly', async () => {
    const term = '工作';
    const cases: Array<[Partial<SearchQuery>, (d: SearchDocument) => boolean]> = [
      [{ agencyIds: ['agency-b', 'agency-c'] }, (d) => ['agency-b', 'agency-c'].includes(d.agencyId)],
      [{ columnId: 'col-policy' }, (d) => d.columnId === 'col-policy'],
      [{ year: 2019 }, (d) => d.publishedAt.startsWith('2019')],
      [{ genre: '通知' }, (d) => d.genre === '通知'],
      [{ subject: '教育' }, (d) => d.subject === '教育'],
      [{ validity: '有效' }, (d) => d.validity === '有效'],
      [
        { columnId: 'col-report', year: 2021, validity: '失效' },
        (d) => d.columnId === 'col-report' && d.publishedAt.startsWith('2021') && d.validity === '失效',
      ],
    ];
    for (const [filter, predicate] of cases) {
      const expected = expectedIds([term], everything, predicate);
      expect(expected.length).toBeGreaterThan(0);
      expect(await allIds(search, { q: term, scope: everything, ...filter })).toEqual(expected);
    }
  });

  it('applies the visibility rule of visibility.ts', async () => {
    const seen = async (scope: VisibilityScope) =>
      (await allIds(search, { q: '可见性测试', scope })).map((id) => id.replace('v-', ''));
    expect(await seen(anonymousScope)).toEqual(['public']);
    expect(await seen({ internal: true, agencyIds: [] })).toEqual(['internal', 'public']);
    expect(await seen({ internal: true, agencyIds: ['agency-a'] })).toEqual([
      'agency-a',
      'internal',
      'public',
    ]);
    expect(await seen({ internal: false, agencyIds: ['agency-b'] })).toEqual(['agency-b', 'public']);
    expect(await seen(everything)).toEqual(['agency-a', 'agency-b', 'internal', 'public']);
    for (const scope of [anonymousScope, { internal: true, agencyIds: ['agency-c'] }]) {
      expect(await allIds(search, { q: '的', scope })).toEqual(expectedIds(['的'], scope));
    }
  });

  it("never finds a document the result cache's matcher (query-match.ts) rules out, filters included", async () => {
    const logged = fixtures.map((d) => ({ id: d.id, version: testableVersion(loggedVersion(d)) }));
    let ruledIn = 0;
    let found = 0;
    const queries: Array<Omit<SearchQuery, 'page' | 'pageSize'>> = [
      ...[
        '资源交易',
        '資源交易',
        '自建',
        '以税',
        '2024',
        'GB/T 9704',
        'ＧＢ／Ｔ',
        'script 脚本',
        '可见性测试',
      ].map((q) => ({ q, scope: anonymousScope })),
      { q: '工作 的', scope: anonymousScope, agencyIds: ['agency-b'] },
      { q: '工作', scope: anonymousScope, columnId: 'col-policy', year: 2019 },
      { q: '交易 税', scope: anonymousScope, genre: '通知', subject: '教育' },
      { q: '的', scope: anonymousScope, validity: '有效' },
      { q: '"  ', scope: anonymousScope },
    ];
    for (const q of queries) {
      const query = { ...q, page: 1, pageSize: 10 };
      const mayFind = logged.filter((f) => anonymousQueryMayFind(query, f.version)).map((f) => f.id);
      const ids = await allIds(search, q);
      expect(mayFind, JSON.stringify(q)).toEqual(expect.arrayContaining(ids)); // "no" is always right
      ruledIn += mayFind.length;
      found += ids.length;
    }
    expect(found).toBeGreaterThan(100);
    expect(ruledIn - found).toBeLessThan(found * 0.05); // and "yes" nearly always
  });

  it('pages through every hit once, with the exact total, past the candidate window too', async () => {
    const narrow = createSearchProvider(ctx.db, { candidates: 25 });
    const pastWindow = ['政府', '资源交易 的', '的 资源交易']; // the mixed ones intersect in SQL with a key bound
    for (const provider of [search, narrow]) {
      for (const q of ['政府', '资源交易', '交易 税', '资源交易 的', '的 资源交易']) {
        const expected = expectedIds(q.split(' '), anonymousScope);
        const seen: string[] = [];
        for (let page = 1; page <= Math.ceil(expected.length / 7) + 1; page++) {
          const r = await provider.search({ q, scope: anonymousScope, page, pageSize: 7 });
          expect(r.total).toBe(expected.length);
          seen.push(...r.hits.map((h) => h.id));
          const scores = r.hits.map((h) => h.score);
          expect(scores).toEqual([...scores].sort((a, b) => b - a));
        }
        expect(seen.length).toBe(expected.length);
        expect(seen.sort()).toEqual(expected);
        if (pastWindow.includes(q)) expect(expected.length, q).toBeGreaterThan(25);
      }
    }
  });

  it('ranks a title match above a single mention deep in the text', async () => {
    const r = await search.search({ q: '量子通信', scope: anonymousScope, page: 1, pageSize: 10 });
    expect(r.hits.map((h) => h.id)).toEqual(['s-title', 's-deep']);
    expect(r.hits[0]?.titleHtml).toBe('关于<mark>量子通信</mark>试点的通知');
    expect(r.hits[1]?.snippetHtml).toContain('<mark>量子通信</mark>');
  });

  it('returns escaped titles and snippets with the matches marked', async () => {
    const r = await search.search({ q: 'script 脚本', scope: anonymousScope, page: 1, pageSize: 10 });
    const hit = r.hits[0];
    expect(hit?.id).toBe('s-script');
    expect(hit?.titleHtml).toBe('<mark>脚本</mark>&lt;b&gt;测试&lt;/b&gt;');
    expect(hit?.snippetHtml).toContain(
      '&lt;<mark>script</mark>&gt;alert(&quot;x&quot;)&lt;/<mark>script</mark>&gt;',
    );
    expect(hit?.snippetHtml).toContain('&amp;');
    expect(hit?.snippetHtml).not.toContain('<script');
  });

  it('replaces a document on upsert and forgets it on remove', async () => {
    await search.upsert([doc('u-1', { title: '旧标题甲乙丙', text: '正文一' })]);
    const find = async (q: string) =>
      (await allIds(search, { q, scope: anonymousScope })).filter((id) => id === 'u-1');
    expect(await find('旧标题甲乙丙')).toEqual(['u-1']);
    await search.upsert([doc('u-1', { title: '新标题丁戊己', text: '正文二', visibility: 'internal' })]);
    expect(await find('旧标题甲乙丙')).toEqual([]);
    expect(await find('新标题丁戊己')).toEqual([]);
    expect(await allIds(search, { q: '新标题丁戊己', scope: everything })).toEqual(['u-1']);
    await search.upsert([doc('u-1', { title: '新标题丁戊己' })]);
    expect(await find('丁戊')).toEqual(['u-1']);
    await search.remove(['u-1', 'never-indexed']);
    expect(await allIds(search, { q: '丁戊', scope: everything })).toEqual([]);
    expect(await allIds(search, { q: '新标题丁戊己', scope: everything })).toEqual([]);
  });

  it('answers hostile and empty queries without a database error', async () => {
    const hostile = [
      '"',
      '*',
      'NEAR(',
      "') OR 1=1 --",
      'a OR b',
      '税 NOT 交易',
      '^资源',
      'title:税',
      '%_\\',
      '{title body}: x',
      '\u0000',
      '\u0000税\u0007',
      '\ud800',
      'x'.repeat(10_000),
      '政 '.repeat(5_000),
    ];
    for (const q of hostile) {
      const r = await search.search({ q, scope: anonymousScope, page: 1, pageSize: 10 });
      expect(r.total).toBeGreaterThanOrEqual(r.hits.length);
      expect(r.query.length).toBeLessThanOrEqual(100);
    }
    for (const q of ['', '   ', '\t\n', '""', '\u0000']) {
      expect(await search.search({ q, scope: anonymousScope, page: 1, pageSize: 10 })).toEqual({
        hits: [],
        total: 0,
        query: '',
      });
    }
    const odd = await search.search({ q: '税', scope: anonymousScope, page: -3, pageSize: 10_000 });
    expect(odd.hits.length).toBeLessThanOrEqual(100);
    expect(
      (await search.search({ q: '税', scope: anonymousScope, page: 10_000, pageSize: 10 })).hits,
    ).toEqual([]);
  });
});
