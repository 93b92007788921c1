import { describe, expect, it } from 'vitest';
import { normaliseWhitespace } from './whitespace';

describe('normaliseWhitespace', () => {
  it.each([
    ['CRLF and lone CR', '一\r\n二\r三', '一\n二\n三', 2],
    ['zero-width characters and BOM', '\uFEFF区\u200B经\u200C信\u200D局', '区经信局', 4],
    ['NBSP inside a line', '第1号\u00A0文件', '第1号 文件', 1],
    ['full-width indent', '\u3000\u3000第一段\n\u3000\u3000第二段', '第一段\n第二段', 2],
    ['full-width space inside a line', '联系人：张三\u3000\u3000电话', '联系人：张三 电话', 1],
    ['trailing blanks', '标题  \n正文\t\u00A0\u3000\n', '标题\n正文\n', 2],
    ['three or more line breaks', '一\n\n\n二\n\n\n\n\n三', '一\n\n二\n\n三', 2],
    ['blank lines made of spaces', '一\n  \n\u3000\n \n二', '一\n\n二', 4],
    ['one blank line is kept', '一\n\n二\n', '一\n\n二\n', 0],
    ['leading ASCII spaces are kept', '  code\n\tindent', '  code\n\tindent', 0],
  ])('fixes %s', (_case, input, expected, fixes) => {
    const result = normaliseWhitespace(input);
    expect(result.text).toBe(expected);
    expect(result.fixes).toBe(fixes);
  });

  it('leaves nothing for a second pass', () => {
    const once = normaliseWhitespace(
      '\u3000 \u00A0题\u200B \r\n\r\n\u3000\r\n\r\n文\u3000\u3000字\u00A0\r\n',
    ).text;
    expect(normaliseWhitespace(once)).toEqual({ text: once, fixes: 0 });
  });
});
