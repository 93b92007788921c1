// A small confusion set for near-miss matching of official names (compliance.md §4.5, §5.2 item 4b).
// The idea is pycorrector's `same_pinyin.txt` / `same_stroke.txt` (shibing624/pycorrector): characters
// a typist or an input method confuses, by sound (pinyin input) or by shape (handwriting, Wubi). This
// table is deliberately small and explainable: each pair is either a reported government-site error
// (compliance.md §4.2) or a common confusion of a character that occurs in institution and place names.
// A pair works both ways. Add pairs here, with their reason, when a new case is reported.

export type ConfusionKind = 'sound' | 'shape';

export interface ConfusionPair {
  a: string;
  b: string;
  kind: ConfusionKind;
  /** Why the pair is here: the reported case, or the name it guards. */
  reason: string;
}

export const CONFUSION_PAIRS: readonly ConfusionPair[] = [
  { a: '毫', b: '豪', kind: 'sound', reason: '杜家毫 → 杜家豪（衡阳 2018）' },
  { a: '政', b: '攻', kind: 'shape', reason: '政府 → 攻府（铜川 2019）' },
  { a: '和', b: '合', kind: 'sound', reason: '共和国 → 共合国（广西商务厅）' },
  { a: '察', b: '查', kind: 'sound', reason: '检察院 → 检查院（人民网 2014）' },
  { a: '宝', b: '室', kind: 'shape', reason: '温家宝 → 温家室' },
  { a: '社', b: '杜', kind: 'shape', reason: '社会主义 → 杜会主义' },
  { a: '贫', b: '贪', kind: 'shape', reason: '扶贫 → 扶贪' },
  { a: '组', b: '姐', kind: 'shape', reason: '领导小组 → 领导小姐' },
  { a: '华', b: '化', kind: 'sound', reason: '中华（huá/huà 拼音输入）' },
  { a: '民', b: '名', kind: 'sound', reason: '人民（mín/míng 前后鼻音）' },
  { a: '国', b: '囯', kind: 'shape', reason: '国（异体“囯”）' },
  { a: '部', b: '布', kind: 'sound', reason: '各部委名称（bù）' },
  { a: '局', b: '居', kind: 'sound', reason: '管理局（jú/jū）' },
  { a: '厅', b: '听', kind: 'shape', reason: '办公厅（厅/听）' },
  { a: '署', b: '暑', kind: 'shape', reason: '海关总署（署/暑）' },
  { a: '委', b: '萎', kind: 'shape', reason: '委员会（委/萎）' },
  { a: '员', b: '圆', kind: 'sound', reason: '委员会（yuán）' },
  { a: '会', b: '汇', kind: 'sound', reason: '委员会（huì）' },
  { a: '监', b: '临', kind: 'shape', reason: '监督管理（监/临）' },
  { a: '督', b: '都', kind: 'sound', reason: '监督（dū）' },
  { a: '院', b: '完', kind: 'shape', reason: '国务院、法院（院/完）' },
  { a: '务', b: '物', kind: 'sound', reason: '国务院（wù）' },
  { a: '卫', b: '为', kind: 'sound', reason: '卫生健康（wèi）' },
  { a: '健', b: '建', kind: 'sound', reason: '健康（jiàn）' },
  { a: '康', b: '慷', kind: 'shape', reason: '健康（康/慷）' },
  { a: '态', b: '太', kind: 'sound', reason: '生态环境（tài）' },
  { a: '境', b: '镜', kind: 'sound', reason: '环境（jìng）' },
  { a: '源', b: '原', kind: 'sound', reason: '自然资源（yuán）' },
  { a: '资', b: '姿', kind: 'sound', reason: '资源（zī）' },
  { a: '哈', b: '蛤', kind: 'shape', reason: '齐齐哈尔（哈/蛤）' },
  { a: '尔', b: '而', kind: 'sound', reason: '齐齐哈尔（ěr/ér）' },
  { a: '治', b: '冶', kind: 'shape', reason: '自治区（治/冶）' },
  { a: '疆', b: '彊', kind: 'shape', reason: '新疆（疆/彊）' },
  { a: '徽', b: '微', kind: 'shape', reason: '安徽（徽/微）' },
  { a: '陕', b: '峡', kind: 'shape', reason: '陕西（陕/峡）' },
  { a: '肃', b: '萧', kind: 'shape', reason: '甘肃（肃/萧）' },
  { a: '黑', b: '墨', kind: 'shape', reason: '黑龙江（黑/墨）' },
];

/** Character → the characters it is confused with, and how. */
export function confusionsOf(char: string): { with: string; kind: ConfusionKind }[] {
  const out: { with: string; kind: ConfusionKind }[] = [];
  for (const p of CONFUSION_PAIRS) {
    if (p.a === char) out.push({ with: p.b, kind: p.kind });
    else if (p.b === char) out.push({ with: p.a, kind: p.kind });
  }
  return out;
}
