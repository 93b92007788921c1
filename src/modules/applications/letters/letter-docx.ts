import { AlignmentType, Paragraph, TextRun } from 'docx';
import { BODY_FONT, bodyLine, CHAR, exactLine, gbDocx, SIZE_3, titleLine } from '../../../core/docx-layout';
import { formatChineseDate } from './fill-letter';

// A reply or notice letter as Word in the official-document layout of GB/T 9704-2012 (党政机关公文格式);
// the page, fonts and footers are src/core/docx-layout.ts, shared with the annual report.

export interface LetterDocument {
  agencyName: string;
  number: string; // 发文字号, e.g. 区经信局依申〔2026〕3号
  title: string;
  addressee: string;
  paragraphs: string[];
  issuedOn: string; // YYYY-MM-DD
  contact?: string; // 附注 under the date
}

// Width in 3号 characters: digits and Latin letters are half-width.
const widthInChars = (text: string) => [...text].reduce((w, c) => w + (c.charCodeAt(0) < 0x100 ? 0.5 : 1), 0);

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
    titleLine(letter.title),
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
  return gbDocx({ title: letter.title, creator: letter.agencyName, children: letterParagraphs(letter) });
}
