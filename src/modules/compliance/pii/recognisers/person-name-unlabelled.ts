import { windowBefore } from '../context';
import { OFFICIAL_TITLES, officialNameReason } from '../exemptions';
import type { Candidate, ScreenDocument } from '../types';
import { surnameLength } from './surnames';

// Personal names without a label before them (compliance.md §2.10 "in this domain most hits are
// structural"): names in 公示/名单 enumerations separated by 、, names followed by 同志/先生/女士/本人,
// names after a role noun (村民, 市民, 之妻 …), names as the subject of a 处罚决定书-style sentence
// (经查，X（身份证号…）; X对上述事实无异议), and every further occurrence of a name already found.
// Names masked with 某 or * (张某某, 李*) are judged masked and pass. Officials in office — a title
// right before or after the name, a 出席/列席 list, a 任命/免去 sentence — are not flagged.

const HAN = /^[\u4e00-\u9fa5]+$/;
const MASKED = /某|[*＊×●]/;
const STOP = /[于在因的是与和及等为向对从被将把已了同家户男女之诉称系现原自上下不也就都要各本该其]/;
// Endings of places and organisations: 白杨街道, 东山村, 高新区, 宏达公司 are not names.
const PLACE_END =
  /(?:省|市|区|县|镇|乡|村|组|街道|社区|路|街|巷|弄|局|委|办|厅|院|校|所|站|队|公司|厂|店|中心|班|港|湾|州)$/;
const EXTRA_TITLES = ['校长', '院长', '组长', '委员', '经理', '馆长', '行长', '常委', '副职', '领导', '干部'];
const TITLE_BEFORE = new RegExp(`(?:${[...OFFICIAL_TITLES, ...EXTRA_TITLES].join('|')})[：:\\s\\u3000]*$`);
const OFFICIAL_SENTENCE = /任命|免去|任免|职务|拟任|提名|担任|任职|出席|列席|主持|陪同|参会|参加会议/;
const ROLES =
  '村民|居民|市民|群众|农户|业主|考生|学生|患者|职工|住户|租户|老人|驾驶人|之妻|之夫|之子|之女|其妻|其夫|其子|其女|妻子|丈夫|儿子|女儿|父亲|母亲';
const ROLE_BEFORE = new RegExp(`(?:${ROLES})(?=[\\u4e00-\\u9fa5])`, 'g');
const ROLE_LEAD = new RegExp(`(?:${ROLES})$`);
const LIST_WORDS = /名单|对象|人员|同志|获得者|学生|户主|农户|困难户|低保户|如下|公示/;
const HONORIFIC = /同志|先生|女士|本人/g;
const SUBJECT_STRONG = /^(?:（(?:身份证|公民身份|男|女|住)|，[男女]，)/;
const SUBJECT_WEAK =
  /^(?:对上述|对以上|于\d|自\d|因|在其|经营|驾驶|无异议|供认|系|户(?:涉及|房屋|家庭|人口|共))/;
const CLAUSE_START =
  /(?:^|[。；：:，,\n])(?:经查|经核实|现查明|另查明|其中|经调查)?[，,]?(?=[\u4e00-\u9fa5])/g;

/** A full name (surname + one or two characters, compound + one or two), or null. */
export function plainName(token: string): string | null {
  const surname = surnameLength(token);
  if (surname === 0 || !HAN.test(token) || PLACE_END.test(token)) return null;
  const given = token.length - surname;
  if (given < 1 || given > 2) return null;
  return [...token.slice(surname)].some((ch) => STOP.test(ch)) ? null : token;
}

/** The name ending at `end` (three characters preferred, then two; compound surnames four), or null. */
function nameEndingAt(text: string, end: number): string | null {
  for (const length of [4, 3, 2]) {
    const token = text.slice(Math.max(0, end - length), end);
    if (token.length !== length || (length === 4 && surnameLength(token) !== 2)) continue;
    if (plainName(token)) return token;
  }
  return null;
}

function isOfficial(doc: ScreenDocument, start: number, end: number): boolean {
  if (TITLE_BEFORE.test(windowBefore(doc, start, 12)) || officialNameReason(doc, start, end)) return true;
  return OFFICIAL_SENTENCE.test(sentenceAround(doc.text, start));
}

// The sentence holding an offset, looked for within 200 characters either side (bounded cost per hit).
function sentenceAround(text: string, at: number): string {
  const base = Math.max(0, at - 200);
  const before = text.slice(base, at);
  const afterText = text.slice(at, at + 200);
  const from = Math.max(before.lastIndexOf('。'), before.lastIndexOf('\n')) + 1;
  const ends = [afterText.indexOf('。'), afterText.indexOf('\n')].filter((i) => i !== -1);
  return before.slice(from) + afterText.slice(0, ends.length ? Math.min(...ends) : undefined);
}

function hit(doc: ScreenDocument, start: number, name: string, score: number, reason: string) {
  const end = start + name.length;
  if (isOfficial(doc, start, end)) return null;
  return { type: 'person_name', start, end, text: name, score, reason } satisfies Candidate;
}

const TOKEN = '[\\u4e00-\\u9fa5·*＊×●]{2,12}(?:（[^）\\n]{0,12}）)?';
const LIST = new RegExp(`${TOKEN}(?:、${TOKEN})+`, 'g');

// One token of an enumeration: the name with its note （90周岁） and 户/同志 taken off.
const stripNotes = (raw: string) => raw.replace(/（[^）]*）$/, '').replace(/(?:户|同志|等)$/, '');

function tokenName(raw: string): { name: string; masked: boolean } | null {
  const bare = stripNotes(raw);
  if (MASKED.test(bare)) return surnameLength(bare) ? { name: bare, masked: true } : null;
  const name = plainName(bare);
  return name ? { name, masked: false } : null;
}

/** Names in a 、-separated enumeration whose every token is a (possibly masked) name. */
function fromEnumerations(doc: ScreenDocument): Candidate[] {
  const found: Candidate[] = [];
  for (const m of doc.text.matchAll(LIST)) {
    const raws = m[0].split('、');
    // The first token may carry the words before it (授予林晓燕同志, 执法人员王立新): split the name off.
    const first = raws[0] ?? '';
    let lead = '';
    if (!tokenName(first)) {
      const bare = stripNotes(first);
      const length = nameEndingAt(bare, bare.length)?.length ?? 0;
      if (length === 0) continue;
      lead = bare.slice(0, bare.length - length);
    }
    if (TITLE_BEFORE.test(lead) || /出席|列席|主持|陪同/.test(lead)) continue;
    const tokens = [first.slice(lead.length), ...raws.slice(1)].map(tokenName);
    if (tokens.some((t) => t === null)) continue;
    const names = tokens as NonNullable<ReturnType<typeof tokenName>>[];
    const context = LIST_WORDS.test(windowBefore(doc, m.index, 40)) || ROLE_LEAD.test(lead);
    if (!names.some((n) => !n.masked && n.name.length >= 3) && !context) continue;
    let at = m.index + lead.length;
    for (const [i, t] of names.entries()) {
      const raw = i === 0 ? first.slice(lead.length) : (raws[i] ?? '');
      const c = t.masked ? null : hit(doc, at, t.name, 0.7, '公示名单中以顿号分隔的姓名');
      if (c) found.push(c);
      at += raw.length + 1;
    }
  }
  return found;
}

/** Names followed by 同志, 先生, 女士 or 本人. */
function fromHonorifics(doc: ScreenDocument): Candidate[] {
  const found: Candidate[] = [];
  for (const m of doc.text.matchAll(HONORIFIC)) {
    const name = nameEndingAt(doc.text, m.index);
    // 本人 follows ordinary words too (拨付至本人账户): only a full three-character name counts there.
    if (!name || (m[0] === '本人' && name.length < 3)) continue;
    // 学习焦裕禄同志精神: a model figure held up to the public, not a private person.
    const after = doc.text.slice(m.index + 2, m.index + 6);
    const before = windowBefore(doc, m.index - name.length, 4);
    if (
      m[0] === '同志' &&
      (/^的?(?:精神|事迹|先进事迹)/.test(after) || /(?:学习|纪念|缅怀|追授)$/.test(before))
    )
      continue;
    const score = m[0] === '同志' ? 0.6 : 0.7;
    const c = hit(doc, m.index - name.length, name, score, `“${m[0]}”前的姓名`);
    if (c) found.push(c);
  }
  return found;
}

/** Names after a role noun (村民周桂芳, 当事人之妻俞小芬). */
function fromRoles(doc: ScreenDocument): Candidate[] {
  const found: Candidate[] = [];
  for (const m of doc.text.matchAll(ROLE_BEFORE)) {
    const start = m.index + m[0].length;
    const run = doc.text.slice(start, start + 4);
    // Two-character names only before a verb of the person (村民王芳反映): 市民游客 is no name.
    const name = [3, 4, 2]
      .map((l) => run.slice(0, l))
      .find((t) => plainName(t) && (t.length > 2 ? after(doc, start, t) : verbAfter(doc, start, t)));
    const c = name && hit(doc, start, name, 0.7, `“${m[0]}”后的姓名`);
    if (c) found.push(c);
  }
  return found;
}

const verbAfter = (doc: ScreenDocument, start: number, name: string) =>
  /^(?:反映|称|说|表示|来信|来电|在场|家)/.test(doc.text.slice(start + name.length, start + name.length + 2));

// A name must end where the Han run ends or before a word that cannot continue a name.
function after(doc: ScreenDocument, start: number, name: string): boolean {
  const next = doc.text[start + name.length] ?? '';
  return !/[\u4e00-\u9fa5]/.test(next) || /[反在于因对称诉将的等家户本同先女之系说向]/.test(next);
}

/** Names opening a clause of a decision or finding (经查，X（身份证号…）; X对上述事实无异议). */
function fromSubjects(doc: ScreenDocument): Candidate[] {
  const found: Candidate[] = [];
  for (const m of doc.text.matchAll(CLAUSE_START)) {
    const start = m.index + m[0].length;
    const name = [3, 2, 4]
      .map((l) => doc.text.slice(start, start + l))
      .find((t) => plainName(t) && (t.length < 4 || surnameLength(t) === 2));
    if (!name) continue;
    const rest = doc.text.slice(start + name.length, start + name.length + 8);
    // A weak continuation (因, 系, 经营 …) follows words too (金融系统, 高温因素): three characters or more.
    const weak = name.length >= 3 && SUBJECT_WEAK.test(rest);
    const score = SUBJECT_STRONG.test(rest) ? 0.85 : weak ? 0.65 : 0;
    const c = score > 0 ? hit(doc, start, name, score, '处理决定中作为当事人叙述的姓名') : null;
    if (c) found.push(c);
  }
  return found;
}

/** Names a document states without a label, by the patterns above. */
export function unlabelledNames(doc: ScreenDocument): Candidate[] {
  return [...fromEnumerations(doc), ...fromHonorifics(doc), ...fromRoles(doc), ...fromSubjects(doc)];
}

/** Every further occurrence of a name already found, unless that occurrence is an official's. */
export function repeatedNames(doc: ScreenDocument, found: Candidate[]): Candidate[] {
  const names = new Set(found.filter((f) => f.text.length >= 3 && f.text.length <= 4).map((f) => f.text));
  if (names.size === 0) return [];
  const starts = new Set(found.map((f) => f.start));
  const more: Candidate[] = [];
  // One pass over the text (a 名单 of thousands of names must not cost a pass per name).
  for (let at = 0; at < doc.text.length; at++) {
    const name = [3, 4].map((l) => doc.text.slice(at, at + l)).find((t) => names.has(t));
    if (!name || starts.has(at)) continue;
    const c = hit(doc, at, name, 0.6, '同一文件中已识别为个人姓名');
    if (c) more.push(c);
    at += name.length - 1;
  }
  return more;
}
