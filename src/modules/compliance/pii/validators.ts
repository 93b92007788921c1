import { isAllocatedMobile } from './mobile-allocation';

// Hard validators for Chinese identifiers (compliance.md §2): a recogniser raises its score to 1.0 when one
// passes and drops the hit when one fails. The application form uses the same functions (one implementation).

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';
// §2.1: 11–15, 21–23, 31–37, 41–46, 50–54, 61–65, 71; 81–83 for residence permits of HK/Macau/Taiwan residents.
const PROVINCES = /^(?:1[1-5]|2[1-3]|3[1-7]|4[1-6]|5[0-4]|6[1-5]|71|8[1-3])$/;
const EARLIEST_BIRTH_YEAR = 1800; // §2.1: jxlwqq/id-validator's floor; (19|20)\d{2} wrongly rejects 18xx

/** Whether y-m-d is a real calendar day. */
export function isCalendarDate(yyyy: number, mm: number, dd: number): boolean {
  const d = new Date(Date.UTC(yyyy, mm - 1, dd));
  return d.getUTCFullYear() === yyyy && d.getUTCMonth() === mm - 1 && d.getUTCDate() === dd;
}

function isBirthDate(yyyymmdd: string, now: Date): boolean {
  const [y, m, d] = [yyyymmdd.slice(0, 4), yyyymmdd.slice(4, 6), yyyymmdd.slice(6, 8)].map(Number);
  if (y === undefined || m === undefined || d === undefined || !isCalendarDate(y, m, d)) return false;
  return y >= EARLIEST_BIRTH_YEAR && Date.UTC(y, m - 1, d) <= now.getTime();
}

/** The GB 11643 MOD 11-2 check character of the first 17 digits. */
export function idCheckCharacter(first17: string): string {
  const sum = ID_WEIGHTS.reduce((acc, w, i) => acc + w * Number(first17[i]), 0);
  return ID_CHECK[sum % 11] ?? '';
}

/** Whether the first two digits are a province code (or 9, the 2023 foreign permanent residence ID). */
export function isIdRegionPrefix(value: string): boolean {
  return PROVINCES.test(value.slice(0, 2)) || (value[0] === '9' && PROVINCES.test(value.slice(1, 3)));
}

/** 居民身份证号码 (GB 11643): 18 characters, a province, a real past birth date and the MOD 11-2 check. */
export function isResidentIdNumber(value: string, now: Date = new Date()): boolean {
  if (!/^\d{17}[\dX]$/.test(value)) return false;
  const birth = value[0] === '9' ? null : value.slice(6, 14); // §2.1: the foreign PR ID has no birth date here
  if (!isIdRegionPrefix(value) || (birth !== null && !isBirthDate(birth, now))) return false;
  return idCheckCharacter(value.slice(0, 17)) === value[17];
}

/** The old 15-digit ID (no check digit, birth year 19YY): only province and date can be checked (§2.1). */
export function isOldResidentIdNumber(value: string): boolean {
  return (
    /^\d{15}$/.test(value) &&
    PROVINCES.test(value.slice(0, 2)) &&
    isBirthDate(`19${value.slice(6, 12)}`, new Date())
  );
}

const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** 统一社会信用代码 (GB 32100): 18 characters, the last a MOD 31 check character. */
export function isUnifiedSocialCreditCode(value: string): boolean {
  if (!/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(value)) return false;
  const sum = USCC_WEIGHTS.reduce((acc, w, i) => acc + w * USCC_CHARS.indexOf(value[i] ?? ''), 0);
  return USCC_CHARS[(31 - (sum % 31)) % 31] === value[17];
}

/** GB 32100 §2.2: department 9 (工商) with category 2 is a 个体工商户 — a natural person's business. */
export function isIndividualBusinessCode(value: string): boolean {
  return value.startsWith('92') && isUnifiedSocialCreditCode(value);
}

/** Luhn (mod 10), the UnionPay check (§2.5): a booster only, since some real UnionPay numbers fail it. */
export function passesLuhn(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let v = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) v = v * 2 > 9 ? v * 2 - 9 : v * 2;
    sum += v;
  }
  return sum % 10 === 0;
}

/** An 11-digit mainland mobile number in an allocated MIIT range (§2.3), not merely 1[3-9]x. */
export function isMobileNumber(value: string): boolean {
  return /^1\d{10}$/.test(value) && isAllocatedMobile(value);
}

/** A landline with its area code (§2.4): 010, 02X or 0[3-9]XX, a local number of 7–8 digits from 2–9. */
export function isLandlineNumber(value: string): boolean {
  return /^0(?:10|2\d|[3-9]\d{2})-?[2-9]\d{6,7}(?:-\d{1,6})?$/.test(value);
}

/** A mobile number or a landline with its area code (the application form's contact phone). */
export function isPhoneNumber(value: string): boolean {
  return isMobileNumber(value) || isLandlineNumber(value);
}

const PLATE_PROVINCES = '京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼';
const PLATE_LETTER = 'A-HJ-NP-Z'; // GA 36: no I or O
/** GA 36-2018 plate shapes: ordinary (5 characters) and new-energy (6), without separators. */
export const PLATE_PATTERN = new RegExp(
  `^[${PLATE_PROVINCES}][${PLATE_LETTER}](?:[DF][${PLATE_LETTER}0-9]\\d{4}|\\d{5}[DF]|[${PLATE_LETTER}0-9]{4}[${PLATE_LETTER}0-9挂学警港澳])$`,
);

/** A vehicle plate (GA 36-2018); an ordinary plate needs at least two digits so words are not plates. */
export function isVehiclePlate(value: string): boolean {
  const plate = value.replace(/[·•・\s]/g, '');
  return PLATE_PATTERN.test(plate) && (plate.slice(2).match(/\d/g)?.length ?? 0) >= 2;
}
