import { describe, expect, it } from 'vitest';
import { atomId } from './atom-feed';
import { chinaDate, chinaYearBounds } from './visibility-query';
import { xmlEscape } from './xml';

describe('xmlEscape', () => {
  it.each([
    ['A & B', 'A &amp; B'],
    ['<script>"x"</script>', '&lt;script&gt;&quot;x&quot;&lt;/script&gt;'],
    ["it's", 'it&apos;s'],
    ['&amp;', '&amp;amp;'],
    ['tab\tnew\nline\rok', 'tab\tnew\nline\rok'],
    ['bell\u0007 nul\u0000 vt\u000b esc\u001b', 'bell nul vt esc'],
    ['del\u007f c1\u0085\u009f', 'del c1'],
    ['nonchar\ufffe\uffff', 'nonchar'],
    ['lone\ud800 surrogate\udc00', 'lone surrogate'],
    ['emoji 😀 and 中文 and \u00a0nbsp', 'emoji 😀 and 中文 and \u00a0nbsp'],
  ])('%j → %j', (input, expected) => {
    expect(xmlEscape(input)).toBe(expected);
  });
});

describe('atomId', () => {
  it('uses urn:uuid for UUIDs and a tag URI on the site domain otherwise', () => {
    expect(atomId('01A2133F-14C5-734C-9F7A-086CAE17E100', 'www.example.gov.cn', 'item')).toBe(
      'urn:uuid:01a2133f-14c5-734c-9f7a-086cae17e100',
    );
    expect(atomId('demo 1', 'www.example.gov.cn', 'column')).toBe(
      'tag:www.example.gov.cn,2024:column:demo%201',
    );
  });
});

describe('China-time dates', () => {
  it('puts 16:00 UTC on 31 December into the next year', () => {
    expect(chinaYearBounds(2026)).toEqual({
      from: '2025-12-31T16:00:00.000Z',
      to: '2026-12-31T16:00:00.000Z',
    });
    expect(chinaDate('2026-02-28T16:00:00.000Z')).toBe('2026-03-01');
    expect(chinaDate('2026-02-28T15:59:59.999Z')).toBe('2026-02-28');
  });
});
