import type { Generated, Selectable } from 'kysely';

// Row shapes of the 依申请公开 tables (migration 0008). Personal fields are sealed (AES-256-GCM under
// the secret key) with a masked copy for display; `applicant_key` is an HMAC for matching applicants.

export type ApplicationChannel = 'online' | 'in_person' | 'registered_post' | 'letter' | 'fax';
export type ApplicantType =
  | 'natural'
  | 'commercial'
  | 'research'
  | 'publicWelfare'
  | 'legalService'
  | 'other';
export type ApplicationStatus =
  | 'held' // holding queue: suspected abuse, waiting for a person to release it
  | 'received'
  | 'correction' // 补正 requested, waiting for the applicant
  | 'processing'
  | 'paused' // consultation or fee notice: the clock stands still
  | 'decided' // decision made, reply not yet delivered
  | 'closed'
  | 'rejected_spam'; // released from holding as not an application (kept, never deleted)

export interface ApplicationTable {
  id: string;
  agency_id: string;
  tracking_number: string;
  query_code_hash: string;
  channel: ApplicationChannel;
  applicant_type: ApplicantType;
  applicant_name: string;
  contact_person: string | null;
  id_type: string;
  id_number_sealed: string | null;
  id_number_masked: string;
  phone_sealed: string | null;
  phone_masked: string;
  email_sealed: string | null;
  email_masked: string;
  address_sealed: string | null;
  address_masked: string;
  applicant_key: string;
  description: string;
  delivery_form: string;
  delivery_channel: string;
  status: ApplicationStatus;
  held_reason: string | null;
  submitted_ip: string | null;
  received_on: string | null;
  assigned_to: string | null;
  due_on: string | null;
  outcome: string | null;
  outcome_note: string | null;
  decided_on: string | null;
  closed_on: string | null;
  purged_at: string | null;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface ApplicationEventTable {
  id: string;
  application_id: string;
  kind: string;
  on_date: string;
  at: string;
  actor_id: string | null;
  actor_name: string;
  data: string;
  note: string;
}

export interface ApplicationLetterTable {
  id: string;
  application_id: string;
  agency_id: string;
  kind: string;
  number: string;
  title: string;
  content: string;
  issued_on: string;
  issued_by: string;
  public: number;
  created_at: string;
}

export interface ApplicationAppealTable {
  id: string;
  application_id: string;
  kind: 'reconsideration' | 'litigationDirect' | 'litigationAfterReconsideration';
  filed_on: string;
  result: 'upheld' | 'corrected' | 'other' | 'pending';
  concluded_on: string | null;
  note: string;
  created_at: string;
  updated_at: string;
}

export interface LetterTemplateTable {
  id: string;
  agency_id: string;
  key: string;
  title: string;
  body: string;
  updated_by: string;
  updated_at: string;
}

export interface ApplicationTables {
  applications: ApplicationTable;
  application_events: ApplicationEventTable;
  application_letters: ApplicationLetterTable;
  application_appeals: ApplicationAppealTable;
  letter_templates: LetterTemplateTable;
}

export type Application = Selectable<ApplicationTable>;
export type ApplicationEvent = Selectable<ApplicationEventTable>;
export type ApplicationLetter = Selectable<ApplicationLetterTable>;
export type ApplicationAppeal = Selectable<ApplicationAppealTable>;
