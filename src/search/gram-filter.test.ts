import { describe, expect, it } from 'vitest';
import { foldText } from './char-fold';
import { buildGramFilter, gramFilterTester } from './gram-filter';

const title = foldText('关于公民身份号码泄露问题的整改通知');
const text = foldText(
  '经查，某公告误载身份证号 110101199003077777 与手机号 13800138000，现已更正。GB/T 9704',
);

describe('the gram filter of the index change log', () => {
  it('tests every substring of the title or the text present', () => {
    const holds = gramFilterTester(buildGramFilter(title, text));
    for (const source of [title, text]) {
      for (const run of source.split(' ')) {
        const chars = Array.from(run);
        for (let i = 0; i < chars.length; i++)
          for (let j = i + 1; j <= chars.length; j++) expect(holds(chars.slice(i, j).join(''))).toBe(true);
      }
    }
  });

  it('tests terms the texts do not hold absent, but for rare false positives', () => {
    const holds = gramFilterTester(buildGramFilter(title, text));
    const absent = ['河道清淤', '营商环境', '减税降费', '乡村振兴', '森林防火', '量子通信', '预算', '自建房'];
    expect(absent.filter(holds).length).toBeLessThanOrEqual(1);
    let present = 0;
    for (let n = 0; n < 1000; n++) if (holds(String.fromCodePoint(0x4e00 + ((n * 7919) % 20000)))) present++;
    expect(present).toBeLessThan(60); // the text has ~50 distinct characters; ~1.7 % false positives beyond
  });

  it('treats an ASCII symbol and its private-use stand-in as one character, as the FTS5 index does', () => {
    const standIn = String.fromCodePoint(0xf0021); // what fts5-tokens.ts encodes '!' as
    expect(gramFilterTester(buildGramFilter('注意!!!事项'))(standIn.repeat(3))).toBe(true);
    expect(gramFilterTester(buildGramFilter(`注意${standIn.repeat(3)}事项`))('意!!!事')).toBe(true);
  });

  it('keeps no text: an identity number in a version cannot be read back from its filter', () => {
    const filter = buildGramFilter(title, text);
    const bytes = Buffer.from(filter, 'base64').toString('latin1');
    for (const secret of ['110101199003077777', '13800138000', '身份']) {
      expect(filter).not.toContain(secret);
      expect(bytes).not.toContain(secret);
    }
  });
});
