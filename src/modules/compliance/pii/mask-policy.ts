import { maskIdNumber, maskPhone } from '../../../core/masking';

// Masked values are judged against the house masks of core/masking.ts (compliance.md §2.11): a mask that
// shows no position the house mask hides passes (138****1234); one that leaves the value recoverable, or
// shows the birth date, is a leak; one that merely shows more than the house mask is reported below the
// default threshold, because other publishers' masks (first 6 + last 4) are common and not recoverable.

export const MASK_CHARS = '*＊●×';

export type MaskVerdict = { compliant: true } | { compliant: false; score: number; reason: string };

function visiblePositions(value: string): Set<number> {
  const visible = new Set<number>();
  for (const [i, ch] of [...value].entries()) if (!MASK_CHARS.includes(ch)) visible.add(i);
  return visible;
}

// Positions the house mask shows for a value of this length (the value's digits do not matter).
function houseVisible(mask: (value: string) => string, sample: string): Set<number> {
  return visiblePositions(mask(sample));
}

const subsetOf = (a: Set<number>, b: Set<number>) => [...a].every((i) => b.has(i));

/** Judges a masked ID number (15 or 18 characters). */
export function judgeMaskedId(value: string): MaskVerdict {
  const visible = visiblePositions(value);
  const hidden = value.length - visible.size;
  if (subsetOf(visible, houseVisible(maskIdNumber, '1'.repeat(value.length)))) return { compliant: true };
  if (hidden <= 1) return { compliant: false, score: 0.95, reason: '仅遮盖1位，可由校验码或穷举还原' };
  const [from, to] = value.length === 18 ? [6, 14] : [6, 12];
  const birthShown = [...visible].some((i) => i >= from && i < to);
  if (birthShown) return { compliant: false, score: 0.9, reason: '掩码未遮盖出生日期' };
  return { compliant: false, score: 0.4, reason: '掩码显示位数多于本站规范（前4位和后4位）' };
}

/** Judges a masked mobile number (11 characters). */
export function judgeMaskedMobile(value: string): MaskVerdict {
  const visible = visiblePositions(value);
  const hidden = value.length - visible.size;
  if (subsetOf(visible, houseVisible(maskPhone, '13800000000'))) return { compliant: true };
  // 3 hidden digits leave 1,000 candidates: tried by hand in an afternoon.
  if (hidden <= 3) return { compliant: false, score: 0.9, reason: `仅遮盖${hidden}位，号码可穷举还原` };
  return { compliant: false, score: 0.4, reason: '掩码显示位数多于本站规范（前3位和后4位）' };
}
