import type { Generated, Selectable } from 'kysely';

// Row shapes of the key-task tables (migration 0012): the key-task list (重点工作清单) and its tasks with
// evidence and events, the disclosure staff roster with training, information officers' meetings
// (信息员例会) and the monthly gap-check reports (查漏补缺).

export type KeyTaskState = 'open' | 'submitted' | 'returned' | 'accepted';

export interface KeyTaskItemTable {
  id: string;
  year: number;
  text_key: string;
  seq: string;
  category: string;
  title: string;
  requirement: string;
  lead_units: string;
  deadline_text: string;
  deadline_on: string | null;
  source_name: string;
  source_row: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface KeyTaskTable {
  id: string;
  item_id: string;
  agency_id: string;
  owner_user_id: string | null;
  owner_name: string;
  deadline_on: string | null;
  evidence_required: string;
  state: KeyTaskState;
  progress: Generated<number>;
  progress_note: Generated<string>;
  submitted_by: string | null;
  submitted_at: string | null;
  reviewed_by: string | null;
  reviewed_at: string | null;
  return_reason: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface KeyTaskEvidenceTable {
  id: string;
  task_id: string;
  kind: 'item' | 'file';
  item_id: string | null;
  note: string;
  original_name: string | null;
  stored_name: string | null;
  media_type: string | null;
  size: number | null;
  sha256: string | null;
  created_by: string | null;
  created_at: string;
  deleted_at: string | null;
}

export interface KeyTaskEventTable {
  id: string;
  task_id: string;
  action: string;
  actor_id: string | null;
  actor_name: string;
  note: string;
  at: string;
}

export interface DisclosureStaffTable {
  id: string;
  agency_id: string;
  name: string;
  position: string;
  phone: string;
  email: string | null;
  full_time: number;
  since: string;
  left_on: string | null;
  created_at: string;
  updated_at: string;
}

export interface StaffTrainingTable {
  id: string;
  staff_id: string;
  held_on: string;
  title: string;
  organizer: string;
  hours: number;
  created_at: string;
}

export interface OfficerMeetingTable {
  id: string;
  agency_id: string;
  held_on: string;
  attendees: string;
  topics: string;
  decisions: string;
  original_name: string | null;
  stored_name: string | null;
  media_type: string | null;
  size: number | null;
  sha256: string | null;
  created_by: string | null;
  created_at: string;
}

export interface GapCheckReportTable {
  id: string;
  agency_id: string;
  period: string;
  trigger: 'scheduled' | 'manual';
  generated_at: string;
  generated_by: string | null;
  as_of: string;
  problem_count: number;
  sections: string; // JSON GapSection[]
  recipients: string; // JSON string[]
}

export interface TaskTables {
  key_task_items: KeyTaskItemTable;
  key_tasks: KeyTaskTable;
  key_task_evidence: KeyTaskEvidenceTable;
  key_task_events: KeyTaskEventTable;
  disclosure_staff: DisclosureStaffTable;
  staff_trainings: StaffTrainingTable;
  officer_meetings: OfficerMeetingTable;
  gap_check_reports: GapCheckReportTable;
}

export type KeyTaskItem = Selectable<KeyTaskItemTable>;
export type KeyTask = Selectable<KeyTaskTable>;
export type KeyTaskEvidence = Selectable<KeyTaskEvidenceTable>;
export type KeyTaskEvent = Selectable<KeyTaskEventTable>;
export type DisclosureStaff = Selectable<DisclosureStaffTable>;
export type StaffTraining = Selectable<StaffTrainingTable>;
export type OfficerMeeting = Selectable<OfficerMeetingTable>;
export type GapCheckReport = Selectable<GapCheckReportTable>;
