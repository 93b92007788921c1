import { describe, expect, it } from 'vitest';
import { encodeChar, encodeToken, shortGramTokens, trigramPhrase, trigramTokens } from './fts5-tokens';

const sym = (c: string) => String.fromCodePoint(0xf0000 + (c.codePointAt(0) as number));

describe('FTS5 tokens', () => {
  it.each([
    ['a', 'a'],
    ['9', '9'],
    ['税', '税'],
    ['/', sym('/')],
    ['"', sym('"')],
    ['*', sym('*')],
  ])('encodeChar(%j)', (ch, token) => {
    expect(encodeChar(ch)).toBe(token);
  });

  it.each([
    ['资源交易', '资源交 源交易 0'],
    ['ab cd', '0 0'],
    ['abcd efg', 'abc bcd 0 efg 0'],
    ['gb/t', `gb${sym('/')} b${sym('/')}t 0`],
  ])('trigramTokens(%j)', (text, tokens) => {
    expect(trigramTokens(text)).toBe(tokens);
  });

  it('makes a phrase with no FTS5 syntax in it, whatever the term', () => {
    for (const term of ['near(', '")or', 'a*b^c', "'--;"]) {
      const phrase = trigramPhrase(term);
      expect(phrase).not.toMatch(/["*^():'{}-]/);
      expect(phrase.split(' ')).toHaveLength(Array.from(term).length - 2);
    }
    expect(encodeToken('税"')).toBe(`税${sym('"')}`);
    expect(shortGramTokens('税收')).toBe('税 税收 收');
  });
});
