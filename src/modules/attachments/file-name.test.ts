import { describe, expect, it } from 'vitest';
import {
  asciiFallback,
  contentDisposition,
  extensionOf,
  fileNameProblem,
  sanitizeFileName,
} from './file-name';

describe('fileNameProblem', () => {
  it.each([
    ['关于开展安全生产检查的通知（附件1）.pdf', null],
    ['2026年预算表 v2.xlsx', null],
    ['a.php.pdf', null],
    ['../../etc/passwd.pdf', /路径/],
    ['..\\..\\boot.ini.pdf', /路径/],
    ['%2e%2e%2fpasswd.pdf', /编码/],
    ['%252e%252e%252fpasswd.pdf', /编码/],
    ['a\u0000.pdf', /控制字符/],
    ['a\r\n.pdf', /控制字符/],
    ['invoice\u202Efdp.exe', /格式字符/],
    ['a\u200B.pdf', /格式字符/],
    ['CON', /保留名/],
    ['nul.pdf', /保留名/],
    ['COM1.docx', /保留名/],
    ['.htaccess', /开头或结尾/],
    ['a.pdf.', /开头或结尾/],
    ['..', /开头或结尾/],
    ['   ', /为空/],
    [`${'长'.repeat(297)}.pdf`, /200/],
    [`${'长'.repeat(196)}.pdf`, null],
  ])('%j → %s', (name, expected) => {
    const problem = fileNameProblem(name);
    if (expected === null) expect(problem).toBeNull();
    else expect(problem).toMatch(expected);
  });
});

describe('sanitizeFileName', () => {
  it.each([
    ['关于开展检查的通知.pdf', '关于开展检查的通知.pdf'],
    ['../../etc/passwd.pdf', 'passwd.pdf'],
    ['C:\\Users\\x\\报告.docx', '报告.docx'],
    ['a\u0000b\u202Ec.pdf', 'abc.pdf'],
    ['a<b>:"c"|d?*.pdf', 'a_b___c__d__.pdf'],
    ['  ..hidden.pdf. ', 'hidden.pdf'],
    ['CON.pdf', '_CON.pdf'],
    ['..', 'attachment'],
    ['', 'attachment'],
  ])('%j → %j', (raw, clean) => {
    expect(sanitizeFileName(raw)).toBe(clean);
  });

  it('keeps at most 200 characters and the extension', () => {
    const clean = sanitizeFileName(`${'文'.repeat(300)}.docx`);
    expect([...clean].length).toBe(200);
    expect(clean.endsWith('文.docx')).toBe(true);
  });
});

describe('download names', () => {
  it('reads the claimed extension', () => {
    expect([extensionOf('a.PDF'), extensionOf('a.pdf.exe'), extensionOf('CON'), extensionOf('.pdf')]).toEqual(
      ['pdf', 'exe', '', ''],
    );
  });

  it('gives an ASCII fallback and an RFC 5987 UTF-8 name', () => {
    expect(asciiFallback('关于通知（附件1）.pdf')).toBe('_1_.pdf');
    expect(asciiFallback('通知.pdf')).toBe('attachment.pdf');
    expect(asciiFallback('a "quoted" 50%; b.pdf')).toBe('a _quoted_ 50_ b.pdf');
    expect(contentDisposition("it's (1)*.pdf")).toBe(
      `attachment; filename="it's (1)*.pdf"; filename*=UTF-8''it%27s%20%281%29%2A.pdf`,
    );
    expect(contentDisposition('通知.pdf')).toBe(
      `attachment; filename="attachment.pdf"; filename*=UTF-8''%E9%80%9A%E7%9F%A5.pdf`,
    );
  });
});
