import { describe, expect, it } from 'vitest';
import { buildSnippet, escapeHtml, findMatches, highlightTitle, markRanges } from './highlight';

describe('highlighting', () => {
  it.each([
    ['<script>&"\'', '&lt;script&gt;&amp;&quot;&#39;'],
    ['普通文字', '普通文字'],
  ])('escapeHtml(%j)', (input, expected) => {
    expect(escapeHtml(input)).toBe(expected);
  });

  it.each([
    [
      '资源交易中心资源',
      ['资源'],
      [
        [0, 2],
        [6, 8],
      ],
    ],
    ['资源交易', ['资源', '源交'], [[0, 3]]],
    ['aaa', ['aa'], [[0, 3]]],
    ['abc', ['x'], []],
  ])('findMatches(%j, %j)', (text, terms, expected) => {
    expect(findMatches(text, terms)).toEqual(expected);
  });

  it.each([
    ['關於資源交易', ['资源'], '關於<mark>資源</mark>交易'],
    ['<b>GB/T</b>', ['gb/t'], '&lt;b&gt;<mark>GB/T</mark>&lt;/b&gt;'],
    ['无匹配', ['税'], '无匹配'],
  ])('highlightTitle(%j)', (title, terms, expected) => {
    expect(highlightTitle(title, terms)).toBe(expected);
  });

  it('marks only inside the window', () => {
    expect(markRanges('abcdef', [[1, 4]], 2, 5)).toBe('<mark>cd</mark>e');
  });

  it('cuts a window around the first match with ellipses and collapsed spaces', () => {
    const text = `${'前'.repeat(300)}\n关键词<x>${'后'.repeat(300)}`;
    const snippet = buildSnippet(text, ['关键词'], 60);
    expect(snippet.startsWith('…')).toBe(true);
    expect(snippet.endsWith('…')).toBe(true);
    expect(snippet).toContain(' <mark>关键词</mark>&lt;x&gt;');
    expect(buildSnippet('短文', ['税'])).toBe('短文');
    expect(buildSnippet('a'.repeat(200), ['税'], 10)).toBe(`${'a'.repeat(10)}…`);
  });

  it('never splits a surrogate pair', () => {
    const text = `${'𠀀'.repeat(100)}税`;
    for (const size of [9, 10, 11])
      expect(buildSnippet(text, ['税'], size)).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
  });
});
