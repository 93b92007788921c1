import { windowBefore } from './context';
import type { ScreenDocument } from './types';

// Public officials and official contacts are public information (compliance.md §2.10, §5.1.6): office phones
// published by an agency, officials named with their title, and official mailboxes are not flagged.

/** Labels of phones an agency publishes for the public (§2.4). */
export const OFFICE_PHONE_LABELS = [
  '办公电话',
  '咨询电话',
  '监督电话',
  '投诉电话',
  '举报电话',
  '值班电话',
  '服务电话',
  '受理电话',
  '服务热线',
  '热线',
  '传真',
  '办公室电话',
] as const;

/** Words naming an agency or its unit: a landline on the same line as one is the agency's. */
const AGENCY = /(?:局|办公室|公开办|委员会|中心|政府|科|处|窗口|街道办事处|法院|检察院|服务站|管理所)/;

/** Titles that mark a name as an official acting in office. */
export const OFFICIAL_TITLES = [
  '局长',
  '主任',
  '科长',
  '处长',
  '书记',
  '区长',
  '县长',
  '市长',
  '镇长',
  '乡长',
  '主席',
  '部长',
  '厅长',
  '秘书长',
  '站长',
  '所长',
  '队长',
  '科员',
  '调解员',
  '执法人员',
] as const;

/** Labels of addresses that are an agency's, not a person's. */
export const OFFICE_ADDRESS_LABELS = ['办公地址', '办公地点', '办理地点', '受理地点', '服务地点', '会议地点'];

const OFFICIAL_MAIL_DOMAIN = /\.gov\.cn$|\.gov$/i;

// The sentence (same line, up to the last 。；) ahead of an offset.
function clauseBefore(doc: ScreenDocument, start: number): string {
  const line = windowBefore(doc, start, 60);
  return line.slice(Math.max(line.lastIndexOf('。'), line.lastIndexOf('；')) + 1);
}

/** Why a phone number is an agency's published number, or null when it may be a person's. */
export function officePhoneReason(doc: ScreenDocument, start: number, landline: boolean): string | null {
  const clause = clauseBefore(doc, start);
  const label = OFFICE_PHONE_LABELS.find((l) => clause.includes(l));
  if (label) return `机关公开的${label}`;
  if (landline && AGENCY.test(clause)) return '机关单位的联系电话';
  return null;
}

/** Why a name is an official in office (a title right after it, or the agency named before it), or null. */
export function officialNameReason(doc: ScreenDocument, start: number, end: number): string | null {
  const after = doc.text.slice(end, end + 6).replace(/^[（(，,\s]+/, '');
  const title = OFFICIAL_TITLES.find((t) => after.startsWith(t));
  if (title) return `以${title}身份署名的公职人员`;
  // The rest of the clause, within 200 characters (a bounded look per name, however long the text).
  const clause = doc.text.slice(end, end + 200).split(/[。；\n]/)[0] ?? '';
  const office = OFFICE_PHONE_LABELS.find((l) => clause.includes(l));
  if (office && /联系人[：:\s]*$/.test(windowBefore(doc, start))) return `公开的办事联系人（附${office}）`;
  return null;
}

/** Whether an e-mail address is an official mailbox. */
export function isOfficialMailbox(address: string): boolean {
  return OFFICIAL_MAIL_DOMAIN.test(address);
}
