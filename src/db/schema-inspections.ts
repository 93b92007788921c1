import type { Generated, Selectable } from 'kysely';

// Row shapes of the whole-site inspection tables (migration 0009): inspections against
// 国办秘函〔2019〕19号, their findings, the rectification tasks (整改) findings open or join, and the
// freshness rules and thresholds as data.

export type FindingSeverity = 'veto' | 'deduct' | 'warn'; // 单项否决 / 扣分 / 预警
export type TaskStatus = 'open' | 'closed' | 'excepted';
export type VetoClass = 'dynamic' | 'notice_policy' | 'long_cycle' | 'none';

export interface InspectionTable {
  id: string;
  started_at: string;
  finished_at: string | null;
  trigger: 'scheduled' | 'manual';
  scope: string;
  started_by: string | null;
  score: number | null;
  veto_count: Generated<number>;
  summary: string; // JSON InspectionSummary
}

export interface InspectionFindingTable {
  id: string;
  inspection_id: string;
  agency_id: string | null;
  kind: string;
  indicator: string;
  severity: FindingSeverity;
  object_type: string;
  object_id: string;
  fingerprint: string;
  message: string;
  detail: string; // JSON
  task_id: string | null;
}

export interface RectificationTaskTable {
  id: string;
  agency_id: string | null;
  kind: string;
  indicator: string;
  severity: FindingSeverity;
  fingerprint: string;
  object_type: string;
  object_id: string;
  message: string;
  opened_at: string;
  opened_inspection_id: string;
  deadline: string;
  status: TaskStatus;
  closed_at: string | null;
  closed_by: string | null;
  closed_inspection_id: string | null;
  exception_reason: string | null;
  last_seen_inspection_id: string;
  last_seen_at: string;
  times_seen: Generated<number>;
}

export interface ColumnFreshnessRuleTable {
  id: string;
  slug: string | null;
  column_id: string | null;
  veto_class: VetoClass;
  national_max_days: number | null;
  warn_days: number | null;
  blank_exempt: Generated<number>;
  basis: string;
  updated_at: string;
}

export interface InspectionThresholdTable {
  key: string;
  value: number;
  basis: string;
  updated_at: string;
}

export interface InspectionTables {
  inspections: InspectionTable;
  inspection_findings: InspectionFindingTable;
  rectification_tasks: RectificationTaskTable;
  column_freshness_rules: ColumnFreshnessRuleTable;
  inspection_thresholds: InspectionThresholdTable;
}

export type Inspection = Selectable<InspectionTable>;
export type InspectionFindingRow = Selectable<InspectionFindingTable>;
export type RectificationTask = Selectable<RectificationTaskTable>;
export type ColumnFreshnessRule = Selectable<ColumnFreshnessRuleTable>;
