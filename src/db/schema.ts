import type { Generated, Insertable, Selectable } from 'kysely';
import type { ApplicationTables } from './schema-applications';
import type { ComplianceTables } from './schema-compliance';
import type { InspectionTables } from './schema-inspections';
import type { JobTables } from './schema-jobs';
import type { MailboxTables } from './schema-mailbox';
import type { ReportTables } from './schema-reports';
import type { TaskTables } from './schema-tasks';

// Row shapes as stored: text ids, ISO-8601 UTC text timestamps, 0/1 integer flags, JSON as text.

export interface AgencyTable {
  id: string;
  code: string;
  name: string;
  short_name: string;
  kind: 'district' | 'department';
  parent_id: string | null;
  uscc: string | null; // 统一社会信用代码, used by index-number templates
  contact: string | null;
  index_template: Generated<string>; // 索引号 template, e.g. {uscc}/{yyyy}-{seq:5}
  enabled: number;
  created_at: string;
  updated_at: string;
}

export interface UserTable {
  id: string;
  username: string; // stored case-folded; unique
  display_name: string;
  password_hash: string;
  password_changed_at: string | null; // null: an initial password that must be changed
  admin_role: 'system' | 'security' | 'audit' | null; // 三权分立: one column, so never two
  totp_secret: string | null; // sealed with the secret key
  totp_last_step: number | null; // last accepted TOTP time step: a code is never accepted twice
  failed_logins: number;
  locked_until: string | null;
  disabled: number;
  last_login_at: string | null;
  email: string | null; // staff address for reminders; null = none
  created_at: string;
  updated_at: string;
}

export interface UserRoleTable {
  user_id: string;
  agency_id: string;
  role: 'editor' | 'reviewer1' | 'reviewer2' | 'reviewer3' | 'supervisor';
  created_at: string;
}

export interface RecoveryCodeTable {
  id: string;
  user_id: string;
  code_hash: string;
  used_at: string | null;
}

export interface SessionTable {
  id: string; // SHA-256 of the cookie token; the token itself is never stored
  user_id: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string; // absolute limit
  mfa_at: string | null; // when the second factor was passed; null = password only
  totp_pending: string | null; // sealed TOTP secret being enrolled in this login
  ip: string;
}

export interface LoginFailureTable {
  id: string;
  ip: string;
  at: string;
}

export interface AuditLogTable {
  seq: number;
  at: string;
  actor_id: string | null;
  actor_name: string | null;
  actor_role: string | null;
  agency_id: string | null;
  ip: string | null;
  action: string;
  object_type: string | null;
  object_id: string | null;
  outcome: 'success' | 'failure';
  request_id: string | null;
  details: string; // JSON, personal data masked
  prev_mac: string;
  mac: string;
}

export interface ColumnTable {
  id: string;
  agency_id: string;
  slug: string;
  name: string;
  description: string;
  update_days: number | null; // freshness rule; null = static column
  sort: number;
  created_at: string;
}

export interface ItemTable {
  id: string;
  agency_id: string;
  column_id: string;
  title: string;
  body_html: string;
  summary: string;
  keywords: string;
  source: string;
  visibility: 'public' | 'internal' | 'agency'; // 对外公开 / 对内公开 (all staff) / one department only
  status: 'draft' | 'in_review' | 'approved' | 'published' | 'withdrawn';
  published_at: string | null;
  view_count: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  doc_number: string | null; // 文号
  issuer: string | null; // 发文机关
  written_on: string | null; // 成文日期, YYYY-MM-DD
  subject_id: string | null; // 主题分类
  genre: string | null; // 体裁
  disclosure: 'proactive' | 'on_request' | 'withheld' | null; // 公开属性
  disclosure_basis: string | null;
  disclosure_reason: string | null;
  disclosure_proposed_by: string | null;
  disclosure_approved_by: string | null;
  is_policy: Generated<number>; // a major policy: needs its interpretation (三同步)
  index_number: string | null; // 索引号
  review_step: number | null; // index into the agency's review chain while in review
  review_round: Generated<number>; // increments each time the item is returned
  scheduled_at: string | null;
  withdrawn_at: string | null;
  withdrawn_reason: string | null;
  registration_number: string | null; // 规范性文件 登记号
  effective_from: string | null; // 施行日期
  version: Generated<number>; // 1 for the first publication, +1 per published correction
  correction_of: string | null; // a correction draft: the published item it corrects
  correction_reason: string | null; // 更正说明, shown in the version history
}

export interface ItemVersionTable {
  id: string;
  item_id: string;
  version: number;
  title: string;
  body_html: string;
  doc_number: string | null;
  summary: string;
  valid_from: string;
  replaced_at: string;
  reason: string;
}

export interface NormativeDocumentTable {
  item_id: string;
  agency_id: string;
  registration_number: string;
  effective_from: string;
  valid_until: string;
  trial: number;
  status: 'in_force' | 'expired' | 'repealed' | 'amended' | 'partly_expired';
  status_date: string;
  status_instrument: string;
  successor_item_id: string | null;
  registered_at: string;
}

export interface NormativeEventTable {
  id: string;
  item_id: string;
  status: string;
  effective_on: string;
  instrument: string;
  actor_name: string;
  at: string;
}

export interface InterpretationTable {
  item_id: string;
  policy_item_id: string;
  form: 'text' | 'qa' | 'graphic' | 'video' | 'interview' | 'press';
  created_at: string;
}

export interface SubjectTable {
  id: string;
  parent_id: string | null;
  name: string;
  sort: number;
}

export interface ReviewChainTable {
  agency_id: string;
  steps: string; // JSON ReviewStep[]
  updated_at: string;
}

export interface ReviewActionTable {
  id: string;
  item_id: string;
  round: number;
  step: number | null;
  step_label: string;
  action: 'submit' | 'approve' | 'return' | 'publish' | 'withdraw';
  actor_id: string | null;
  actor_name: string;
  opinion: string;
  secrecy_checked: number;
  at: string;
}

export interface IndexSequenceTable {
  agency_id: string;
  period: string;
  last_seq: number;
}

export interface AttachmentTable {
  id: string;
  item_id: string;
  original_name: string; // sanitised metadata only; never used as a path
  stored_name: string; // id + extension of the detected type
  media_type: string; // detected from the content, never taken from the client
  size: number;
  sha256: string; // hex, checked on every download
  created_by: string | null;
  created_at: string;
  deleted_at: string | null;
}

export interface OutboxTable {
  id: string;
  to_address: string;
  subject: string;
  body_text: string;
  dedupe_key: string; // unique: a reminder or notice is enqueued at most once per key
  status: 'pending' | 'sent' | 'failed';
  attempts: number;
  next_attempt_at: string; // due time; also the claim lease while a worker is sending
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
}

export interface CalendarVersionTable {
  version: number;
  changed_at: string;
  changed_by: string;
  summary: string;
  source: string; // the notice, e.g. 国办发明电〔2025〕7号
  changes: string; // JSON CalendarDayChange[]
}

export interface CalendarDayTable {
  day: string; // YYYY-MM-DD; an override in front of chinese-days
  is_workday: number;
  note: string;
  source: string;
  version: number;
}

export interface DB
  extends ApplicationTables,
    InspectionTables,
    ComplianceTables,
    MailboxTables,
    TaskTables,
    ReportTables,
    JobTables {
  agencies: AgencyTable;
  users: UserTable;
  user_roles: UserRoleTable;
  recovery_codes: RecoveryCodeTable;
  sessions: SessionTable;
  login_failures: LoginFailureTable;
  audit_log: AuditLogTable;
  columns: ColumnTable;
  items: ItemTable;
  subjects: SubjectTable;
  review_chains: ReviewChainTable;
  review_actions: ReviewActionTable;
  index_sequences: IndexSequenceTable;
  normative_documents: NormativeDocumentTable;
  normative_events: NormativeEventTable;
  interpretations: InterpretationTable;
  attachments: AttachmentTable;
  item_versions: ItemVersionTable;
  calendar_versions: CalendarVersionTable;
  calendar_days: CalendarDayTable;
  outbox: OutboxTable;
}

/** Rows as read from the database (defaults resolved). */
export type Agency = Selectable<AgencyTable>;
export type Item = Selectable<ItemTable>;
export type NewItem = Insertable<ItemTable>;
export type Attachment = Selectable<AttachmentTable>;
