// Row types of the scheduling tables (migrations 0016 and 0017).

export interface DutyRunTable {
  name: string;
  slot: string;
  instance: string;
  started_at: string;
  finished_at: string | null;
  outcome: 'ok' | 'failed' | null;
  message: string | null;
}

export interface ClusterLeaseTable {
  name: string;
  instance: string;
  renewed_at: string;
}

export interface JobTables {
  duty_runs: DutyRunTable;
  cluster_leases: ClusterLeaseTable;
}
