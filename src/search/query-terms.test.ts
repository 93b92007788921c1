import { describe, expect, it } from 'vitest';
import { MAX_QUERY_CHARS, MAX_TERMS, normaliseQuery } from './query-terms';

describe('normaliseQuery', () => {
  it.each([
    ['  资源交易  ', ['资源交易']],
    ['资源  交易\t税', ['资源', '交易', '税']],
    ['資源交易', ['资源交易']],
    ['ＧＢ／Ｔ 9704', ['gb/t', '9704']],
    ['"农村自建房"', ['农村自建房']],
    ['交易 资源交易 交易', ['资源交易']],
    ['NEAR( x OR b', ['near(', 'x', 'or', 'b']],
    ['NEAR( a', ['near(']],
    ["') OR 1=1 --", ["')", 'or', '1=1', '--']],
    ['税\u0000收', ['税', '收']],
    ['', []],
    ['   ', []],
    ['"', []],
  ])('%j → %j', (raw, terms) => {
    const q = normaliseQuery(raw);
    expect(q.terms).toEqual(terms);
    expect(q.text).toBe(terms.join(' '));
  });

  it('caps the length and the number of terms, whatever the input size', () => {
    expect(Array.from(normaliseQuery('政'.repeat(10_000)).text)).toHaveLength(MAX_QUERY_CHARS);
    expect(normaliseQuery('𠀀'.repeat(200)).text).toBe('𠀀'.repeat(MAX_QUERY_CHARS));
    const many = Array.from({ length: 30 }, (_, i) => `词${i}`).join(' ');
    expect(normaliseQuery(many).terms).toHaveLength(MAX_TERMS);
    expect(normaliseQuery(`${' '.repeat(100_000)}税`).terms).toEqual([]);
  });
});
