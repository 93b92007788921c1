// The legal syllables of Mandarin (汉语拼音音节表), written as initial → finals so the table stays
// readable and checkable against the printed chart. Used to tell a flattened ruby annotation such
// as `區(qū)` from a real bracket such as `附件(pdf)`. `ü` after j/q/x/y is spelled `u`, as in pinyin.

const SYLLABLE_TABLE: Readonly<Record<string, string>> = {
  '': 'a o e ai ei ao ou an en ang eng er yi ya yo ye yao you yan yin yang ying yong wu wa wo wai wei wan wen wang weng yu yue yuan yun',
  b: 'a o ai ei ao an en ang eng i ie iao ian in ing u',
  p: 'a o ai ei ao ou an en ang eng i ie iao ian in ing u',
  m: 'a o e ai ei ao ou an en ang eng i ie iao iu ian in ing u',
  f: 'a o ei ou an en ang eng u',
  d: 'a e ai ei ao ou an en ang eng ong i ia ie iao iu ian ing u uo ui uan un',
  t: 'a e ai ao ou an ang eng ong i ie iao ian ing u uo ui uan un',
  n: 'a e ai ei ao ou an en ang eng ong i ie iao iu ian in iang ing u uo uan ü üe',
  l: 'a o e ai ei ao ou an ang eng ong i ia ie iao iu ian in iang ing u uo un uan ü üe',
  g: 'a e ai ei ao ou an en ang eng ong u ua uo uai ui uan un uang',
  k: 'a e ai ei ao ou an en ang eng ong u ua uo uai ui uan un uang',
  h: 'a e ai ei ao ou an en ang eng ong u ua uo uai ui uan un uang',
  j: 'i ia ie iao iu ian in iang ing iong u ue uan un',
  q: 'i ia ie iao iu ian in iang ing iong u ue uan un',
  x: 'i ia ie iao iu ian in iang ing iong u ue uan un',
  zh: 'a e ai ei ao ou an en ang eng ong i u ua uo uai ui uan un uang',
  ch: 'a e ai ao ou an en ang eng ong i u ua uo uai ui uan un uang',
  sh: 'a e ai ei ao ou an en ang eng i u ua uo uai ui uan un uang',
  r: 'e ao ou an en ang eng ong i u ua uo ui uan un',
  z: 'a e ai ei ao ou an en ang eng ong i u uo ui uan un',
  c: 'a e ai ao ou an en ang eng ong i u uo ui uan un',
  s: 'a e ai ao ou an en ang eng ong i u uo ui uan un',
};

/** Every legal toneless syllable, e.g. `qu`, `jing`, `lü`; built once from the table above. */
export const PINYIN_SYLLABLES: ReadonlySet<string> = new Set(
  Object.entries(SYLLABLE_TABLE).flatMap(([initial, finals]) =>
    finals.split(' ').map((final) => initial + final),
  ),
);

// Combining tone marks left after NFD: macron (1st), acute (2nd), caron (3rd), grave (4th).
const TONE_MARKS = /[\u0304\u0301\u030C\u0300]/gu;
const TONE_NUMBER = /[1-5]$/u;

export interface PinyinSyllable {
  /** Toneless spelling as listed in PINYIN_SYLLABLES. */
  syllable: string;
  /** True when the tone is written (mark or number) — the strong sign of a ruby annotation. */
  toneMarked: boolean;
}

/** Reads one pinyin syllable (`qū`, `qu1`, `lv4`, `de`); null when it is not legal Mandarin. */
export function parsePinyinSyllable(raw: string): PinyinSyllable | null {
  const decomposed = raw.normalize('NFD');
  const hasToneNumber = TONE_NUMBER.test(decomposed);
  const hasToneMark = decomposed.replace(TONE_MARKS, '') !== decomposed;
  let base = decomposed.replace(TONE_MARKS, '').replace(TONE_NUMBER, '').normalize('NFC');
  // Tone-number input methods write ü as v; pinyin drops the dots after j/q/x/y.
  base = base.replaceAll('v', 'ü');
  if (/^[jqxy]/u.test(base)) base = base.replaceAll('ü', 'u');
  if (!PINYIN_SYLLABLES.has(base)) return null;
  return { syllable: base, toneMarked: hasToneMark || hasToneNumber };
}
