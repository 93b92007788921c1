import { describe, expect, it } from 'vitest';
import { plainText, sanitizeBody } from './sanitize';

describe('sanitizeBody', () => {
  it.each([
    ['<p>正文<script>alert(1)</script></p>', '<p>正文</p>'],
    ['<img src="x" onerror="alert(1)">', '<img src="x" />'],
    ['<a href="javascript:alert(1)">点我</a>', '<a rel="noopener noreferrer">点我</a>'],
    ['<p style="color:red" onclick="x()">段落</p>', '<p>段落</p>'],
    ['<iframe src="https://evil.example"></iframe><p>后文</p>', '<p>后文</p>'],
    ['<img src="https://tracker.example/p.gif">', '<img />'],
    ['<svg><script>alert(1)</script></svg>', ''],
    ['<p class="signature">示范区人民政府</p>', '<p class="signature">示范区人民政府</p>'],
    ['<table><tr><td colspan="2">表</td></tr></table>', '<table><tr><td colspan="2">表</td></tr></table>'],
    [
      '<table tabindex="0" border="1"><tr><td>表</td></tr></table>',
      '<table tabindex="0"><tr><td>表</td></tr></table>',
    ],
    ['<table tabindex="-1"><tr><td>表</td></tr></table>', '<table><tr><td>表</td></tr></table>'],
  ])('%s → %s', (input, expected) => {
    expect(sanitizeBody(input)).toBe(expected);
  });

  it('keeps ordinary links, marked as leaving safely', () => {
    expect(sanitizeBody('<a href="https://www.gov.cn/">中国政府网</a>')).toBe(
      '<a href="https://www.gov.cn/" rel="noopener noreferrer">中国政府网</a>',
    );
  });
});

describe('plainText', () => {
  it('strips tags and decodes entities', () => {
    expect(plainText('<p>一、总则</p><p>第一条&nbsp;为了&lt;规范&gt;</p>')).toBe(
      '一、总则 第一条 为了<规范>',
    );
  });
});
