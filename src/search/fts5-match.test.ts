import { describe, expect, it } from 'vitest';
import { isVisible, type VisibilityScope } from '../modules/catalog';
import {
  documentTags,
  filterClauses,
  gramExpression,
  scopeClause,
  TITLE_MARK,
  trigramExpression,
} from './fts5-match';
import type { SearchDocument } from './search-provider';

const base: SearchDocument = {
  id: 'd1',
  agencyId: 'agency-a',
  columnId: 'col-1',
  title: 't',
  text: 'x',
  publishedAt: '2023-12-31T23:59:59Z',
  genre: '通知',
  subject: null,
  validity: '有效',
  visibility: 'public',
};

// Evaluates a scope clause the way FTS5 would: any of its OR-ed tags among the document's tags.
function matches(scope: VisibilityScope, doc: SearchDocument): boolean {
  const wanted = scopeClause(scope).slice(1, -1).split(' OR ');
  const tags = documentTags(doc).split(' ');
  return wanted.some((t) => tags.includes(t));
}

describe('FTS5 expressions', () => {
  it('tags a document with its visibility, owner and filter values', () => {
    expect(documentTags({ ...base, visibility: 'agency' }).split(' ')).toEqual([
      'zvisagency',
      `zagy${Buffer.from('agency-a').toString('hex')}`,
      `zcol${Buffer.from('col-1').toString('hex')}`,
      `zown${Buffer.from('agency-a').toString('hex')}`,
      'zyea2023',
      `zgen${Buffer.from('通知').toString('hex')}`,
      `zval${Buffer.from('有效').toString('hex')}`,
    ]);
  });

  it('applies exactly the rule of isVisible() for every scope and visibility', () => {
    const scopes: VisibilityScope[] = [
      { internal: false, agencyIds: [] },
      { internal: true, agencyIds: [] },
      { internal: true, agencyIds: ['agency-a'] },
      { internal: false, agencyIds: ['agency-b'] },
      { internal: true, agencyIds: ['agency-b', 'agency-a'] },
      { internal: true, agencyIds: 'all' },
      { internal: false, agencyIds: 'all' },
    ];
    for (const scope of scopes)
      for (const visibility of ['public', 'internal', 'agency'] as const)
        for (const agencyId of ['agency-a', 'agency-b']) {
          const doc = { ...base, visibility, agencyId };
          const rule = isVisible(scope, { status: 'published', visibility, agency_id: agencyId });
          expect(matches(scope, doc), JSON.stringify({ scope, visibility, agencyId })).toBe(rule);
        }
  });

  it.each([
    [{}, 1],
    [{ agencyIds: [] }, 1],
    [{ agencyIds: ['a', 'b'], columnId: 'c', year: 2024, genre: 'g', subject: 's', validity: 'v' }, 7],
  ])('filterClauses(%j) has %i clauses', (filter, n) => {
    expect(filterClauses({ scope: { internal: false, agencyIds: [] }, ...filter })).toHaveLength(n);
  });

  it('restricts terms to the title when asked', () => {
    expect(trigramExpression(['资源交易'], ['zyea2024'], false)).toBe(
      '{title body} : "资源交 源交易" AND tags : zyea2024',
    );
    expect(trigramExpression(['资源交易'], [], true)).toBe('title : "资源交 源交易"');
    expect(gramExpression(['税', '交易'], ['(zvispublic)'], false)).toBe('"税" AND "交易" AND (zvispublic)');
    expect(gramExpression(['税'], [], true)).toBe(`"${TITLE_MARK}税"`);
  });
});
