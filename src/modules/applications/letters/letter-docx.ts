import {
  AlignmentType,
  Document,
  DocumentGridType,
  Footer,
  type IFontAttributesProperties,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  TextRun,
} from 'docx';
import { formatChineseDate } from './fill-letter';

// Word output in the official-document layout of GB/T 9704-2012 (党政机关公文格式). The `docx` library is
// used because it writes real OOXML (page size, margins, exact line pitch, odd/even footers with a
// PAGE field, East-Asian font slots) that every Word and WPS opens and editors can amend before
// sealing; hand-written XML would re-implement that, and HTML/PDF cannot be edited by the office.

const twipsPerMm = 1440 / 25.4;
const mm = (v: number) => Math.round(v * twipsPerMm);
const pt = (v: number) => Math.round(v * 20); // twips
const SIZE_2 = 44; // 2号 = 22 pt, in half-points
const SIZE_3 = 32; // 3号 = 16 pt
const SIZE_4 = 28; // 4号 = 14 pt
const CHAR = pt(16); // one 3号 character
const LINE = 579; // 版心 225 mm / 22 lines ≈ 28.95 pt (GB/T 9704 5.2.2: 22 lines of 28 characters)

// East-Asian text takes the eastAsia font; the other slots name the font Word falls back to for digits
// and Latin text and where the 方正/GB2312 fonts are missing (SimSun = 宋体, FangSong = 仿宋).
const TITLE_FONT: IFontAttributesProperties = {
  eastAsia: '方正小标宋简体',
  ascii: 'SimSun',
  hAnsi: 'SimSun',
  cs: 'SimSun',
  hint: 'eastAsia',
};
const BODY_FONT: IFontAttributesProperties = {
  eastAsia: '仿宋_GB2312',
  ascii: 'FangSong',
  hAnsi: 'FangSong',
  cs: 'FangSong',
  hint: 'eastAsia',
};
const PAGE_NUMBER_FONT: IFontAttributesProperties = { eastAsia: '宋体', ascii: 'SimSun', hAnsi: 'SimSun' };

export interface LetterDocument {
  agencyName: string;
  number: string; // 发文字号, e.g. 区经信局依申〔2026〕3号
  title: string;
  addressee: string;
  paragraphs: string[];
  issuedOn: string; // YYYY-MM-DD
  contact?: string; // 附注 under the date
}

const exactLine = { line: LINE, lineRule: LineRuleType.EXACT, before: 0, after: 0 };

function bodyLine(
  text: string,
  options: { align?: 'left' | 'right' | 'both'; right?: number; first?: boolean },
) {
  const alignment = { left: AlignmentType.LEFT, right: AlignmentType.RIGHT, both: AlignmentType.BOTH }[
    options.align ?? 'both'
  ];
  return new Paragraph({
    alignment,
    spacing: exactLine,
    ...(options.first ? { indent: { firstLine: 2 * CHAR, firstLineChars: 200 } } : {}), // 首行缩进二字
    ...(options.right ? { indent: { right: options.right } } : {}),
    children: [new TextRun({ text, font: BODY_FONT, size: SIZE_3 })],
  });
}

// Width in 3号 characters: digits and Latin letters are half-width.
const widthInChars = (text: string) => [...text].reduce((w, c) => w + (c.charCodeAt(0) < 0x100 ? 0.5 : 1), 0);

// GB/T 9704 7.5: 4号 宋体 "— 1 —", 7 mm under the 版心; odd pages right, even pages left, one character in.
function pageNumberFooter(side: 'right' | 'left'): Footer {
  const indent = pt(14);
  return new Footer({
    children: [
      new Paragraph({
        alignment: side === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: side === 'right' ? { right: indent } : { left: indent },
        children: [
          new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: PAGE_NUMBER_FONT, size: SIZE_4 }),
        ],
      }),
    ],
  });
}

function letterParagraphs(letter: LetterDocument): Paragraph[] {
  const date = formatChineseDate(letter.issuedOn);
  const dateRight = 4 * CHAR; // 7.3.5.1: 成文日期 右空四字
  // 署名 centred over the date (7.3.5.1), which right-aligned means half the width difference further in.
  const nameRight = Math.max(
    0,
    dateRight + ((widthInChars(date) - widthInChars(letter.agencyName)) / 2) * CHAR,
  );
  const addressee = letter.addressee.endsWith('：') ? letter.addressee : `${letter.addressee}：`;
  return [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: exactLine,
      children: [new TextRun({ text: letter.title, font: TITLE_FONT, size: SIZE_2 })],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: exactLine,
      children: [new TextRun({ text: letter.number, font: BODY_FONT, size: SIZE_3 })],
    }),
    bodyLine('', {}), // 7.3.2: 主送机关 one line below the title block
    bodyLine(addressee, { align: 'left' }),
    ...letter.paragraphs.map((p) => bodyLine(p, { first: true })),
    bodyLine('', {}), // room for the seal, which presses on the 署名 and the date
    bodyLine('', {}),
    bodyLine(letter.agencyName, { align: 'right', right: nameRight }),
    bodyLine(date, { align: 'right', right: dateRight }),
    ...(letter.contact ? [bodyLine(`（联系方式：${letter.contact}）`, { first: true })] : []), // 7.3.6 附注
  ];
}

/** A letter as a .docx in the GB/T 9704-2012 layout: A4, 37/35/28/26 mm margins, 22 lines a page. */
export async function renderLetterDocx(letter: LetterDocument): Promise<Buffer> {
  const doc = new Document({
    title: letter.title,
    creator: letter.agencyName,
    evenAndOddHeaderAndFooters: true,
    styles: { default: { document: { run: { font: BODY_FONT, size: SIZE_3 } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: mm(210), height: mm(297) },
            margin: {
              top: mm(37),
              bottom: mm(35),
              left: mm(28),
              right: mm(26),
              header: mm(15),
              footer: mm(23),
            },
          },
          grid: { type: DocumentGridType.LINES, linePitch: LINE },
        },
        footers: { default: pageNumberFooter('right'), even: pageNumberFooter('left') },
        children: letterParagraphs(letter),
      },
    ],
  });
  return Packer.toBuffer(doc);
}
