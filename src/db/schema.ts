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
  status: 'draft' | 'published';
  published_at: string | null;
  view_count: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface DB {
  agencies: AgencyTable;
  users: UserTable;
  user_roles: UserRoleTable;
  recovery_codes: RecoveryCodeTable;
  sessions: SessionTable;
  login_failures: LoginFailureTable;
  audit_log: AuditLogTable;
  columns: ColumnTable;
  items: ItemTable;
}
