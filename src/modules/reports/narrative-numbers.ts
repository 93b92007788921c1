// Numbers stated in a report's narrative, in Arabic or Chinese numerals ("123", "1,234", "12.5万",
// "一百二十三", "两千零五", "十二", "二〇二三"), with where they stand and the unit after them, so the
// narrative can be compared with the tables (law-and-formats.md §2.6 S2).

export interface StatedNumber {
  value: number;
  text: string; // as written, unit excluded
  index: number; // offset of the first character in the text
  end: number; // offset after the number (and after 万/亿 folded into it)
  unit: string | null; // the counting word right after it: 件, 次, 条 …
}

const DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const SMALL_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
const BIG_UNITS: Record<string, number> = { 万: 10_000, 亿: 100_000_000 };
const UNITS = '件次条个项篇份家人期场批处';

/** The value of a Chinese numeral ("一百二十三" → 123, "十二" → 12, "二〇二三" → 2023); null if not one. */
export function parseChineseNumeral(text: string): number | null {
  if (!text || ![...text].every((c) => c in DIGITS || c in SMALL_UNITS || c in BIG_UNITS)) return null;
  if (![...text].some((c) => c in DIGITS || c === '十')) return null; // "千", "万" alone are words
  if ([...text].every((c) => c in DIGITS)) {
    // Digit by digit: a year or a code ("二〇二三"); a single digit is itself.
    return Number([...text].map((c) => DIGITS[c]).join(''));
  }
  let total = 0;
  let section = 0;
  let digit = 0;
  for (const c of text) {
    if (c in DIGITS) digit = DIGITS[c] ?? 0;
    else if (c in SMALL_UNITS) {
      section += (digit || (c === '十' ? 1 : 0)) * (SMALL_UNITS[c] ?? 0);
      digit = 0;
    } else {
      total += (section + digit) * (BIG_UNITS[c] ?? 0);
      section = 0;
      digit = 0;
    }
  }
  return total + section + digit;
}

// Full-width digits, comma and point become ASCII one for one, so offsets stay those of the original text.
const halfWidth = (text: string) =>
  text.replace(/[０-９，．]/g, (c) => {
    if (c === '，') return '\u0000'; // a Chinese comma is a clause boundary, never a thousands separator
    if (c === '．') return '.';
    return String.fromCharCode(c.charCodeAt(0) - 0xfee0);
  });

const NUMBER =
  /(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)([万亿])?|([零〇一二两三四五六七八九十百千万亿]+)/g;

/** Every number stated in the text, in order, with its unit. */
export function extractNumbers(text: string): StatedNumber[] {
  const found: StatedNumber[] = [];
  for (const m of halfWidth(text).matchAll(NUMBER)) {
    const [whole, arabic, scale, chinese] = m;
    let value: number | null;
    let written: string;
    if (arabic !== undefined) {
      value = Number(arabic.replaceAll(',', '')) * (scale ? (BIG_UNITS[scale] ?? 1) : 1);
      written = text.slice(m.index, m.index + arabic.length);
    } else {
      value = parseChineseNumeral(chinese ?? '');
      written = chinese ?? '';
    }
    if (value === null || !Number.isFinite(value)) continue;
    const end = m.index + whole.length;
    const next = text.charAt(end);
    found.push({
      value,
      text: written,
      index: m.index,
      end,
      unit: UNITS.includes(next) && next ? next : null,
    });
  }
  return found;
}
