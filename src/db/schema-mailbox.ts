import type { Generated, Selectable } from 'kysely';

// Row shapes of the 部门信箱 tables (migration 0011). The writer's name and contact details are stored
// sealed (AES-256-GCM under the secret key) with a masked copy for the back office (portal-standards.md
// §8.2: "个人信息严格保密"); the public never sees either.

export type LetterType = 'consult' | 'suggest' | 'complain' | 'help' | 'other';
export type LetterStatus =
  | 'held' // holding queue: suspected abuse, waiting for a person (never dropped)
  | 'set_aside' // held and judged not a letter (kept, never deleted)
  | 'received' // valid-or-not not yet decided; the clock runs
  | 'accepted' // valid, being handled
  | 'review' // reply drafted, waiting for a reviewer
  | 'approved' // reply approved, not yet sent
  | 'answered'
  | 'invalid' // rejected as not a valid letter, with a reason told to the writer
  | 'merged'; // a duplicate pointing to its primary letter; answered with it
export type LetterRating = 'satisfied' | 'basic' | 'dissatisfied';

export interface MailboxLetterTable {
  id: string;
  agency_id: string; // the agency handling it now (changes on 转办)
  first_agency_id: string; // the agency the writer wrote to
  tracking_number: string;
  query_code_hash: string;
  type: LetterType;
  subject: string;
  content: string;
  writer_name_sealed: string;
  writer_name_masked: string;
  phone_sealed: string;
  phone_masked: string;
  email_sealed: string | null;
  email_masked: string;
  consent: number; // 1: the writer agrees to publication (公开意愿)
  status: LetterStatus;
  held_reason: string | null;
  submitted_ip: string | null;
  received_on: string | null; // the day the clock starts, YYYY-MM-DD (China)
  deadline_days: number | null; // the per-type rule in force at receipt
  due_on: string | null; // derived: received_on + deadline_days working days
  assigned_to: string | null;
  primary_id: string | null; // for status 'merged'
  reply_draft: string | null;
  drafted_by: string | null;
  reply: string | null;
  answered_on: string | null;
  answered_agency_id: string | null;
  invalid_reason: string | null;
  escalated_at: string | null;
  red_line_alarm_at: string | null;
  published: Generated<number>;
  published_subject: string | null;
  published_content: string | null;
  published_reply: string | null;
  published_at: string | null;
  rating: LetterRating | null;
  rated_at: string | null;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface MailboxEventTable {
  id: string;
  letter_id: string;
  agency_id: string; // the agency handling the letter when the step was taken
  kind: string;
  on_date: string;
  at: string;
  actor_id: string | null;
  actor_name: string; // never shown to the public
  data: string; // JSON
  note: string;
}

export interface MailboxDeadlineTable {
  type: LetterType;
  working_days: number;
  updated_at: string;
  updated_by: string | null;
}

export interface MailboxTables {
  mailbox_letters: MailboxLetterTable;
  mailbox_events: MailboxEventTable;
  mailbox_deadlines: MailboxDeadlineTable;
}

export type MailboxLetter = Selectable<MailboxLetterTable>;
export type MailboxEvent = Selectable<MailboxEventTable>;
