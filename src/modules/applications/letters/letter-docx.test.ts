import { inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { renderLetterDocx } from './letter-docx';

// Reads a ZIP through its central directory (APPNOTE 4.3.12), as Word does: proves the output is an archive.
function unzip(zip: Buffer): Map<string, string> {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  expect(eocd).toBeGreaterThan(0);
  const entries = new Map<string, string>();
  let at = zip.readUInt32LE(eocd + 16);
  for (let i = 0; i < zip.readUInt16LE(eocd + 10); i++) {
    expect(zip.readUInt32LE(at)).toBe(0x02014b50);
    const [method, compressed] = [zip.readUInt16LE(at + 10), zip.readUInt32LE(at + 20)];
    const [nameLength, extra, comment] = [
      zip.readUInt16LE(at + 28),
      zip.readUInt16LE(at + 30),
      zip.readUInt16LE(at + 32),
    ];
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    const local = zip.readUInt32LE(at + 42);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(start, start + compressed);
    entries.set(name, (method === 8 ? inflateRawSync(data) : data).toString('utf8'));
    at += 46 + nameLength + extra + comment;
  }
  return entries;
}

const letter = {
  agencyName: '某区经济和信息化局',
  number: '区经信局依申〔2026〕3号',
  title: '政府信息公开申请补正告知书',
  addressee: '张三',
  paragraphs: ['本机关于2026年11月2日收到您提出的政府信息公开申请。', '特此告知。'],
  issuedOn: '2026-11-25',
  contact: '政务公开办公室，联系电话：0571-00000000',
};

describe('a letter as Word (GB/T 9704-2012 layout)', () => {
  it('writes a valid .docx whose document carries the title, number, addressee, body and date', async () => {
    const files = unzip(await renderLetterDocx(letter));
    expect(files.get('[Content_Types].xml')).toContain('wordprocessingml.document.main+xml');
    const xml = files.get('word/document.xml') ?? '';
    expect(xml).toContain('>政府信息公开申请补正告知书<');
    expect(xml).toContain('>区经信局依申〔2026〕3号<');
    expect(xml).toContain('>张三：<');
    expect(xml).toContain('>本机关于2026年11月2日收到您提出的政府信息公开申请。<');
    expect(xml).toContain('>某区经济和信息化局<');
    expect(xml).toContain('>2026年11月25日<');
    expect(xml).toContain('>（联系方式：政务公开办公室，联系电话：0571-00000000）<');
  });

  it('lays the page out as GB/T 9704: A4, margins 37/35/28/26 mm, 2号 title, 3号 body, 22 lines', async () => {
    const xml = unzip(await renderLetterDocx(letter)).get('word/document.xml') ?? '';
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(xml).toMatch(/<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"/);
    const titleRun = /<w:r>(?:(?!<\/w:r>).)*政府信息公开申请补正告知书/.exec(xml)?.[0] ?? '';
    expect(titleRun).toContain('w:eastAsia="方正小标宋简体"');
    expect(titleRun).toContain('w:ascii="SimSun"'); // the 宋体 fallback
    expect(titleRun).toContain('<w:sz w:val="44"/>');
    const bodyParagraph = /<w:p>(?:(?!<\/w:p>).)*本机关于2026年11月2日/.exec(xml)?.[0] ?? '';
    expect(bodyParagraph).toContain('w:eastAsia="仿宋_GB2312"');
    expect(bodyParagraph).toContain('<w:sz w:val="32"/>');
    expect(bodyParagraph).toContain('w:firstLineChars="200"');
    expect(bodyParagraph).toMatch(/w:line="579" w:lineRule="exact"/);
    const dateParagraph = /<w:p>(?:(?!<\/w:p>).)*2026年11月25日/.exec(xml)?.[0] ?? '';
    expect(dateParagraph).toContain('<w:ind w:right="1280"/>'); // 右空四字
    expect(dateParagraph).toContain('<w:jc w:val="right"/>');
  });

  it('numbers pages "— 1 —" in 4号 宋体, odd pages right and even pages left', async () => {
    const files = unzip(await renderLetterDocx(letter));
    expect(files.get('word/settings.xml')).toContain('<w:evenAndOddHeaders/>');
    const footers = [...files].filter(([name]) => name.startsWith('word/footer')).map(([, xml]) => xml);
    expect(footers).toHaveLength(2);
    for (const footer of footers) {
      expect(footer).toContain('<w:instrText xml:space="preserve">PAGE</w:instrText>');
      expect(footer).toContain('>— <');
      expect(footer).toContain('<w:sz w:val="28"/>');
    }
    expect(footers.map((f) => /<w:jc w:val="(\w+)"/.exec(f)?.[1]).sort()).toEqual(['left', 'right']);
  });
});
