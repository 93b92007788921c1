// 完成时限 as provincial lists write it: "2026年6月底前", "6月30日前", "2026-06-30", "年底前", "三季度末",
// "持续推进". Pure: text and the list's year in, a due day (YYYY-MM-DD) or "ongoing" out, or null when
// the text cannot be read (the import then reports the row instead of guessing).

export type DeadlineReading = { kind: 'day'; day: string } | { kind: 'ongoing' };

const ONGOING = /持续|长期|常态|经常性|全年|按(省|市|上级)?(统一)?(部署|要求)|随时|及时/;
const CN_DIGITS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 上: 6, 下: 12 };

const pad = (n: number) => String(n).padStart(2, '0');

function lastDayOf(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function dayOf(year: number, month: number, day: number | 'end'): string | null {
  if (month < 1 || month > 12) return null;
  const last = lastDayOf(year, month);
  const d = day === 'end' ? last : day;
  if (d < 1 || d > last) return null;
  return `${year}-${pad(month)}-${pad(d)}`;
}

function quarterOrHalf(text: string, year: number): string | null {
  const quarter = /(第)?([一二三四1-4])季度/.exec(text);
  if (quarter?.[2]) {
    const q = CN_DIGITS[quarter[2]] ?? Number(quarter[2]);
    return dayOf(year, q * 3, 'end');
  }
  const half = /([上下])半年/.exec(text);
  if (half?.[1]) return dayOf(year, CN_DIGITS[half[1]] ?? 12, 'end');
  if (/年底|年末|年内|全年完成/.test(text)) return dayOf(year, 12, 'end');
  return null;
}

/** Reads one 完成时限 cell against the list's year; null when it says nothing readable. */
export function readDeadline(raw: string, listYear: number): DeadlineReading | null {
  const text = raw.replace(/\s+/g, '');
  if (!text) return null;
  const iso = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})/.exec(text);
  if (iso) {
    const day = dayOf(Number(iso[1]), Number(iso[2]), Number(iso[3]));
    return day ? { kind: 'day', day } : null;
  }
  const yearMatch = /(\d{4})年/.exec(text);
  const year = yearMatch ? Number(yearMatch[1]) : listYear;
  const md = /(\d{1,2})月(\d{1,2})日/.exec(text);
  if (md) {
    const day = dayOf(year, Number(md[1]), Number(md[2]));
    return day ? { kind: 'day', day } : null;
  }
  const monthEnd = /(\d{1,2})月(底|末|份|中旬|上旬|前)?/.exec(text);
  if (monthEnd?.[1]) {
    const month = Number(monthEnd[1]);
    const day = monthEnd[2] === '上旬' ? 10 : monthEnd[2] === '中旬' ? 20 : 'end';
    const d = dayOf(year, month, day);
    return d ? { kind: 'day', day: d } : null;
  }
  const period = quarterOrHalf(text, year);
  if (period) return { kind: 'day', day: period };
  if (ONGOING.test(text)) return { kind: 'ongoing' };
  return null;
}
