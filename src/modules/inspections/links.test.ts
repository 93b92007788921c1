import { describe, expect, it } from 'vitest';
import { classifyLink, extractLinks, type LinkLookups, linkProblem } from './links';

const hosts = ['example.gov.cn', 'www.example.gov.cn'];

describe('link extraction', () => {
  it('finds a/href and img/src once each, decoding entities, skipping other attributes', () => {
    const html =
      '<p><a href="/items/1">一</a><a title="x" href=\'/items/2?x=1&amp;y=2\'>二</a>' +
      '<img src="/attachments/9" alt=""><a href="/items/1">重复</a><img href="/bad"><a name="n">无</a></p>';
    expect(extractLinks(html)).toEqual([
      { href: '/items/1', tag: 'a' },
      { href: '/items/2?x=1&y=2', tag: 'a' },
      { href: '/attachments/9', tag: 'img' },
    ]);
  });
});

describe('link classification against the portal routes', () => {
  it.each([
    ['/items/abc', { kind: 'item', id: 'abc' }],
    ['https://www.example.gov.cn/items/abc#top', { kind: 'item', id: 'abc' }],
    ['/attachments/f1', { kind: 'attachment', id: 'f1' }],
    ['/agencies/jxj', { kind: 'agency', code: 'jxj' }],
    ['/agencies/jxj/columns/news', { kind: 'column', code: 'jxj', slug: 'news' }],
    ['/agencies/jxj/columns/news/feed.xml', { kind: 'column', code: 'jxj', slug: 'news' }],
    ['/', { kind: 'page' }],
    ['/search?q=1', { kind: 'page' }],
    ['/static/site.css', { kind: 'page' }],
    ['/no/such/page', { kind: 'unknown', path: '/no/such/page' }],
    ['https://www.gov.cn/zhengce/', { kind: 'external', url: 'https://www.gov.cn/zhengce/' }],
    ['mailto:a@b.cn', { kind: 'ignored' }],
    ['#section', { kind: 'ignored' }],
  ])('%s', (href, target) => {
    expect(classifyLink(href, hosts)).toEqual(target);
  });
});

describe('link resolution', () => {
  const lookups: LinkLookups = {
    items: new Map([
      ['pub', { public: true }],
      ['draft', { public: false }],
    ]),
    agencyCodes: new Set(['jxj']),
    columnKeys: new Set(['jxj/news']),
    attachments: new Map([
      ['ok', 'ok'],
      ['gone', 'missing_file'],
      ['bad', 'mismatch'],
    ]),
  };
  it.each([
    ['/items/pub', null],
    ['/items/draft', '链接的信息未公开或已撤下'],
    ['/items/none', '链接的信息不存在'],
    ['/agencies/jxj/columns/news', null],
    ['/agencies/jxj/columns/old', '链接的栏目不存在'],
    ['/agencies/zzz', '链接的机构频道不存在'],
    ['/attachments/ok', null],
    ['/attachments/gone', '附件文件缺失'],
    ['/attachments/bad', '附件文件与登记的 SHA-256 校验值不符'],
    ['/attachments/never', '附件不存在或已删除'],
    ['/nowhere', '站内链接指向不存在的页面'],
    ['https://external.example.com/', null],
  ])('%s → %s', (href, problem) => {
    expect(linkProblem(classifyLink(href, hosts), lookups)).toBe(problem);
  });
});
