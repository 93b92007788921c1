// Row types of the scheduling tables (migration 0016).

export interface DutyRunTable {
  name: string;
  slot: string;
  instance: string;
  started_at: string;
  finished_at: string | null;
  outcome: 'ok' | 'failed' | null;
  message: string | null;
}

export interface JobTables {
  duty_runs: DutyRunTable;
}
