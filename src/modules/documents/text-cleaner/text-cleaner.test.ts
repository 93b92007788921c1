import { describe, expect, it } from 'vitest';
import { cleanText } from './text-cleaner';

describe('cleanText — documents with flattened pinyin annotations', () => {
  it.each([
    ['區(qū)經(jīng)信局', '区经信局', 2],
    ['發(fā)布', '发布', 1],
    [
      '示范區(qū)經(jīng)濟和信息化局關(guān)於開(kāi)展2024年度工作的通知',
      '示范区经济和信息化局关于开展2024年度工作的通知',
      4,
    ],
    ['區(qū)經(jīng)信局工作開展情況', '区经信局工作开展情况', 2],
    // Full-width and mixed brackets.
    ['區（qū）經（jīng）信局', '区经信局', 2],
    ['區(qū）經（jīng)信局', '区经信局', 2],
    // Tone numbers and ü written as v.
    ['區(qu1)經(jing1)信局', '区经信局', 2],
    ['綠(lv4)色發(fā)展', '绿色发展', 2],
    // First and last character of the text.
    ['開(kāi)展工作，區(qū)', '开展工作，区', 2],
    // Unmarked syllables go too, once the document shows the artefact.
    ['我們(men)的(de)工作開(kāi)展發(fā)布', '我们的工作开展发布', 4],
    // A doubled annotation is removed whole, so a second run has nothing left to do.
    ['區(qū)(qū)經(jīng)', '区经', 3],
    // Decomposed tone marks (NFD input).
    ['區(q\u016B)經(ji\u0304ng)', '区经', 2],
  ])('%s → %s', (input, expected, removed) => {
    const result = cleanText(input);
    expect(result.text).toBe(expected);
    expect(result.annotationsRemoved).toBe(removed);
    expect(result.convertedToSimplified).toBe(true);
    expect(result.traditional).toEqual([]);
  });

  it.each([
    ['乡(镇)', '鄉(鎮)'],
    ['附件(PDF)', '附件(PDF)'],
    ['(一)（二）', '(一)（二）'],
    ['办法(试行)', '辦法(試行)'],
    ['(2024)', '(2024)'],
    ['(以下简称"条例")', '(以下簡稱"條例")'],
    ['条例(草案(试行))', '條例(草案(試行))'],
    ['详见 https://example.gov.cn/wiki/A_(bā)', '詳見 https://example.gov.cn/wiki/A_(bā)'],
    ['IT(ok)', 'IT(ok)'],
  ])('keeps the real bracket %s while converting the rest', (expected, traditional) => {
    const result = cleanText(`發(fā)布${traditional}`);
    expect(result.text).toBe(`发布${expected}`);
    expect(result.annotationsRemoved).toBe(1);
  });

  it('keeps pinyin that follows punctuation or a space rather than a character', () => {
    const result = cleanText('區(qū)經(jīng)，(qū) 局 (jú)“(fā)');
    expect(result.text).toBe('区经，(qū) 局 (jú)“(fā)');
    expect(result.annotationsRemoved).toBe(2);
  });

  it('converts the whole text, leaving correct simplified words alone', () => {
    const input =
      '發(fā)布：乾隆年间的干部后来成效显著，于是在云计算方面发展；头发、台风、公里、蒜薹、哪吒。';
    expect(cleanText(input).text).toBe(
      '发布：乾隆年间的干部后来成效显著，于是在云计算方面发展；头发、台风、公里、蒜薹、哪吒。',
    );
  });

  it('cleans a realistic scraped paragraph with its whitespace', () => {
    const input = [
      '\u3000\u3000示范區(qū)經(jīng)濟和信息化局關(guān)於開(kāi)展2024年度工作的通知\u00A0\r\n',
      '\r\n\r\n\r\n',
      '\u3000\u3000各鄉(xiāng)鎮人民政府、區直各部門：\u200B根據《條例》（以下簡稱“條例”），現將有關事項通知如下。\r\n',
    ].join('');
    const result = cleanText(input);
    expect(result.text).toBe(
      '示范区经济和信息化局关于开展2024年度工作的通知\n\n' +
        '各乡镇人民政府、区直各部门：根据《条例》（以下简称“条例”），现将有关事项通知如下。\n',
    );
    expect(result.annotationsRemoved).toBe(5);
    expect(result.charactersConverted).toBeGreaterThan(10);
  });
});

describe('cleanText — documents without the artefact', () => {
  it('reports traditional characters with their position and leaves them in place', () => {
    const result = cleanText('工作開展情況');
    expect(result.text).toBe('工作開展情況');
    expect(result.convertedToSimplified).toBe(false);
    expect(result.traditional).toEqual([
      { index: 2, char: '開', simplified: '开' },
      { index: 5, char: '況', simplified: '况' },
    ]);
  });

  it('points the reported index into the cleaned text', () => {
    const result = cleanText('\u3000\u3000第一段\r\n\r\n\r\n\r\n關於');
    expect(result.text).toBe('第一段\n\n關於');
    expect(result.traditional.map(({ index }) => result.text[index])).toEqual(['關', '於']);
  });

  it.each([
    ['a single gloss on a simplified character', '亳(bó)州市'],
    ['two glosses in a simplified text', '亳(bó)州市涡(guō)阳县'],
    ['unmarked syllables', '我们的(de)工作(an)'],
    ['pinyin in English text', 'See note (de) and (an).'],
  ])('does not treat %s as the artefact', (_case, input) => {
    const result = cleanText(input);
    expect(result.text).toBe(input);
    expect(result.annotationsRemoved).toBe(0);
  });

  it('leaves unmarked syllables in a traditional text without marked annotations', () => {
    const result = cleanText('我們的(de)工作');
    expect(result.text).toBe('我們的(de)工作');
    expect(result.traditional.map(({ char }) => char)).toEqual(['們']);
  });

  it('treats two marked annotations as the artefact once the text has traditional characters', () => {
    expect(cleanText('工(gōng)作(zuò)開展').text).toBe('工作开展');
  });
});

const SIMPLIFIED_DOCUMENT = [
  '关于印发《示范区政府信息公开工作要点(2024)》的通知',
  '',
  '各乡(镇)人民政府，区直各部门：',
  '现将《示范区政府信息公开工作要点(试行)》印发给你们，请认真贯彻执行。附件(PDF)请于3月1日前下载。',
  '(一)加强政策解读。（二）做好依申请公开工作(以下简称"依申请公开")。',
  '乾隆年间修建的台阶，后来由干部群众共同维护；云计算平台里面的数据成效显著。',
  '详见 https://example.gov.cn/zwgk/index_(1).html 。',
  '',
].join('\n');

describe('cleanText — idempotence and clean input', () => {
  it('returns an already-clean simplified document byte for byte', () => {
    const result = cleanText(SIMPLIFIED_DOCUMENT);
    expect(result.text).toBe(SIMPLIFIED_DOCUMENT);
    expect(result).toMatchObject({ annotationsRemoved: 0, whitespaceFixes: 0, traditional: [] });
  });

  it.each([
    SIMPLIFIED_DOCUMENT,
    '示范區(qū)經(jīng)濟和信息化局關(guān)於開(kāi)展2024年度工作的通知\r\n\r\n\r\n',
    '區(qū)(qū)(qū)經',
    '我們(men)的(de)工作開(kāi)展',
    '亳(bó)州\u3000\u3000市\u00A0',
    '工作開展情況\u200B',
    '',
  ])('clean(clean(x)) equals clean(x) for %j', (input) => {
    const once = cleanText(input).text;
    const twice = cleanText(once);
    expect(twice.text).toBe(once);
    expect(twice.annotationsRemoved).toBe(0);
    expect(twice.whitespaceFixes).toBe(0);
  });

  it('cleans a 1 MB document in linear time (guard against a quadratic regression)', () => {
    const paragraph = '示范區(qū)經(jīng)濟和信息化局關(guān)於開(kāi)展工作的通知。\r\n\r\n\r\n';
    const input = paragraph.repeat(Math.ceil(1_048_576 / Buffer.byteLength(paragraph)));
    const started = performance.now();
    const result = cleanText(input);
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(result.text.startsWith('示范区经济和信息化局关于开展工作的通知。\n\n示范区')).toBe(true);
  });
});
