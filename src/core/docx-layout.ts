import {
  AlignmentType,
  Document,
  DocumentGridType,
  type FileChild,
  Footer,
  type IFontAttributesProperties,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  TextRun,
} from 'docx';

// Word output in the official-document layout of GB/T 9704-2012 (党政机关公文格式), shared by every .docx
// the platform writes (reply letters, the annual report). The `docx` library is used because it writes
// real OOXML (page size, margins, exact line pitch, odd/even footers with a PAGE field, East-Asian font
// slots) that every Word and WPS opens and editors can amend before sealing; hand-written XML would
// re-implement that, and HTML/PDF cannot be edited by the office.

/** Millimetres in twips (1/1440 inch). */
export const mm = (v: number): number => Math.round((v * 1440) / 25.4);
const pt = (v: number) => Math.round(v * 20); // twips

export const SIZE_2 = 44; // 2号 = 22 pt, in half-points
export const SIZE_3 = 32; // 3号 = 16 pt
export const SIZE_4 = 28; // 4号 = 14 pt
/** One 3号 character in twips. */
export const CHAR = pt(16);
/** The exact line pitch: 版心 225 mm / 22 lines ≈ 28.95 pt (GB/T 9704 5.2.2: 22 lines of 28 characters). */
export const LINE = 579;
/** The 版心 (type area) width: 210 mm less the 28 and 26 mm margins. */
export const TEXT_WIDTH = mm(156);

/**
 * A font for East-Asian text and the one Word falls back to for digits and Latin text and where the
 * 方正/GB2312 fonts are missing (SimSun = 宋体, FangSong = 仿宋, SimHei = 黑体).
 */
export function gbFont(eastAsia: string, latin: string): IFontAttributesProperties {
  return { eastAsia, ascii: latin, hAnsi: latin, cs: latin, hint: 'eastAsia' };
}

export const TITLE_FONT = gbFont('方正小标宋简体', 'SimSun'); // 7.3.1: title in 2号 小标宋
export const BODY_FONT = gbFont('仿宋_GB2312', 'FangSong'); // 5.2.1: body in 3号 仿宋
export const SONG_FONT = gbFont('宋体', 'SimSun'); // 7.5: page numbers in 4号 宋体

/** Exact line spacing on the 22-line grid, no space before or after. */
export const exactLine = { line: LINE, lineRule: LineRuleType.EXACT, before: 0, after: 0 };

/** A centred 2号 小标宋 title line (GB/T 9704 7.3.1). */
export function titleLine(text: string): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: exactLine,
    children: [new TextRun({ text, font: TITLE_FONT, size: SIZE_2 })],
  });
}

/** A 3号 仿宋 body line, justified unless aligned; `first` indents the first line two characters. */
export function bodyLine(
  text: string,
  options: { align?: 'left' | 'right' | 'both'; right?: number; first?: boolean } = {},
): Paragraph {
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

// GB/T 9704 7.5: 4号 宋体 "— 1 —", 7 mm under the 版心; odd pages right, even pages left, one character in.
function pageNumberFooter(side: 'right' | 'left'): Footer {
  const indent = pt(14);
  return new Footer({
    children: [
      new Paragraph({
        alignment: side === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: side === 'right' ? { right: indent } : { left: indent },
        children: [
          new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: SONG_FONT, size: SIZE_4 }),
        ],
      }),
    ],
  });
}

/** A .docx on a GB/T 9704 page: A4, margins 37/35/28/26 mm, 22 lines a page, page numbers outside. */
export async function gbDocx(doc: {
  title: string;
  creator: string;
  children: FileChild[];
}): Promise<Buffer> {
  const document = new Document({
    title: doc.title,
    creator: doc.creator,
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
        children: doc.children,
      },
    ],
  });
  return Packer.toBuffer(document);
}
