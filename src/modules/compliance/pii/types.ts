// The privacy screen's vocabulary (compliance.md §1.1, Presidio's RecognizerResult): a finding is a span of
// the extracted text with a type, a 0–1 score and the reason for that score.

export const PII_TYPES = [
  'id_card',
  'uscc',
  'mobile',
  'landline',
  'bank_card',
  'passport',
  'travel_permit',
  'vehicle_plate',
  'email',
  'address',
  'person_name',
] as const;

export type PiiType = (typeof PII_TYPES)[number];

/** The Chinese name of each kind of personal data, for reports and the reviewer's panel. */
export const piiTypeLabels: Record<PiiType, string> = {
  id_card: '身份证号',
  uscc: '统一社会信用代码',
  mobile: '手机号码',
  landline: '固定电话',
  bank_card: '银行卡号',
  passport: '护照号',
  travel_permit: '通行证号',
  vehicle_plate: '车牌号',
  email: '电子邮箱',
  address: '详细地址',
  person_name: '姓名',
};

export interface PiiFinding {
  kind: 'pii';
  type: PiiType;
  /** UTF-16 offsets into the screened text. */
  start: number;
  end: number;
  text: string;
  score: number;
  /** Set when the value is already partly masked (and the mask was judged against the policy). */
  masked?: boolean;
  reason: string;
  suggestion?: string;
}

/** A recogniser's hit before overlaps and the threshold are applied. */
export type Candidate = Omit<PiiFinding, 'kind' | 'suggestion'>;

/** Findings below this score are not reported (a validated or context-backed hit reaches it). */
export const DEFAULT_THRESHOLD = 0.5;

/** What a recogniser sees: the text, the table header over an offset, and the clock for birth dates. */
export interface ScreenDocument {
  text: string;
  now: Date;
  /** The header of the table column holding this offset, if the offset is in a table body cell. */
  headerAt(offset: number): string | undefined;
  /** The cell (start, end) holding this offset, if it is in a table body row. */
  cellAt(offset: number): { start: number; end: number; header: string } | undefined;
}

/** A recogniser: one small data-driven file per type (or family of types). */
export interface Recogniser {
  name: string;
  recognise(doc: ScreenDocument): Candidate[];
}
