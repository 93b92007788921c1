import { describe, expect, it } from 'vitest';
import { boundaryAlignment } from './segmenter';

describe('boundaryAlignment', () => {
  it.each([
    ['关于农村自建房安全的通知', '自建房', 1],
    ['公共资源交易中心', '公共资源', 1],
    ['各部门各自建立台账', '自建', 0],
    ['税', '税', 1],
  ])('%j, %j → %d', (text, term, expected) => {
    const at = text.indexOf(term);
    expect(boundaryAlignment(text, at, at + term.length)).toBe(expected);
  });
});
