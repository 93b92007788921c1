import { describe, expect, it } from 'vitest';
import {
  cachedPage,
  cutAtViewCount,
  forgetPages,
  keepPage,
  VIEW_COUNT_MARK,
  withViewCount,
} from './page-cache';

const text = (parts: Buffer[] | undefined) => parts?.map((part) => part.toString('utf8'));

describe('rendered page cache', () => {
  it('serves a page until its time is up, then renders afresh', () => {
    keepPage('item-1|v1', cutAtViewCount('<p>一</p>'), 1_000);
    expect(text(cachedPage('item-1|v1', 10_999))).toEqual(['<p>一</p>']);
    expect(cachedPage('item-1|v1', 11_000)).toBeUndefined();
    expect(cachedPage('item-1|v2', 1_000)).toBeUndefined(); // a new version is a new key
  });

  it('is emptied by an accepted change', () => {
    keepPage('item-2|v1', cutAtViewCount('<p>二</p>'), 1_000);
    forgetPages();
    expect(cachedPage('item-2|v1', 1_001)).toBeUndefined();
  });

  it('fills in the view count wherever the mark was rendered, fresh or cached', () => {
    const parts = cutAtViewCount(`<span>浏览次数：${VIEW_COUNT_MARK}</span><i>${VIEW_COUNT_MARK}</i>`);
    expect(withViewCount(parts, 42).toString('utf8')).toBe('<span>浏览次数：42</span><i>42</i>');
    keepPage('item-3|v1', parts, 1_000);
    const cached = cachedPage('item-3|v1', 1_001) ?? [];
    expect(withViewCount(cached, 7).toString('utf8')).toBe('<span>浏览次数：7</span><i>7</i>');
    expect(withViewCount(cached, 8).toString('utf8')).toBe('<span>浏览次数：8</span><i>8</i>');
    expect(withViewCount(cutAtViewCount('<p>无计数</p>'), 9).toString('utf8')).toBe('<p>无计数</p>');
  });
});
