import { describe, expect, it } from 'vitest';
import { clampPaging, MAX_PAGE_SIZE } from './paging';
import { containsPattern } from './postgres.reader';

describe('paging and patterns', () => {
  it.each([
    [1, 20, 1, 20],
    [0, 0, 1, 1],
    [-5, 10_000, 1, MAX_PAGE_SIZE],
    [Number.NaN, Number.POSITIVE_INFINITY, 1, 20],
    [2.7, 10.2, 2, 10],
  ])('clampPaging(%d, %d) → %d, %d', (page, size, p, s) => {
    expect(clampPaging(page, size)).toEqual({ page: p, pageSize: s });
  });

  it.each([
    ['资源交易', '%资源交易%'],
    ['100%_\\', '%100\\%\\_\\\\%'],
  ])('containsPattern(%j)', (term, pattern) => {
    expect(containsPattern(term)).toBe(pattern);
  });
});
