import { hmacHex } from '../../core/secrets';
import type { AuditLogTable } from '../../db/schema';

// Tamper evidence for the audit log (等保 8.1.4.3 c, security.md T15):
// mac = HMAC-SHA256(key, canonical(row without mac) || prev_mac), keyed by a secret kept outside the database.

export const GENESIS_MAC = '0'.repeat(64);

export type AuditRow = AuditLogTable;

/** The exact bytes a row's MAC covers: every field but the MAC, in a fixed order. */
export function canonicalAuditRow(row: Omit<AuditRow, 'mac'>): string {
  return JSON.stringify([
    Number(row.seq),
    row.at,
    row.actor_id,
    row.actor_name,
    row.actor_role,
    row.agency_id,
    row.ip,
    row.action,
    row.object_type,
    row.object_id,
    row.outcome,
    row.request_id,
    row.details,
    row.prev_mac,
  ]);
}

/** The MAC a row must carry. */
export function macForAuditRow(key: string, row: Omit<AuditRow, 'mac'>): string {
  return hmacHex(key, canonicalAuditRow(row));
}

export type ChainProblem =
  | { kind: 'edited'; seq: number }
  | { kind: 'missing'; fromSeq: number; toSeq: number }
  | { kind: 'reordered'; seq: number };

export interface ChainCursor {
  seq: number;
  mac: string;
}

/**
 * Checks one row against the row before it. Returns the first problem, or null when the row continues
 * the chain. A row whose MAC is wrong was edited or forged without the key; a gap in seq, or a prev_mac
 * that is not the previous MAC, means rows were deleted.
 */
export function checkAuditRow(key: string, previous: ChainCursor, row: AuditRow): ChainProblem | null {
  const seq = Number(row.seq);
  if (seq <= previous.seq) return { kind: 'reordered', seq };
  if (seq !== previous.seq + 1) return { kind: 'missing', fromSeq: previous.seq + 1, toSeq: seq - 1 };
  if (macForAuditRow(key, row) !== row.mac) return { kind: 'edited', seq };
  if (row.prev_mac !== previous.mac) return { kind: 'missing', fromSeq: seq, toSeq: seq };
  return null;
}

/** Plain-language description of a chain problem, for the CLI and the audit viewer. */
export function describeChainProblem(p: ChainProblem): string {
  switch (p.kind) {
    case 'edited':
      return `第 ${p.seq} 条记录被修改或伪造 (row ${p.seq} was edited or forged: its MAC does not verify)`;
    case 'missing':
      return p.fromSeq === p.toSeq
        ? `第 ${p.fromSeq} 条记录缺失或被替换 (row ${p.fromSeq} is missing or was replaced)`
        : `第 ${p.fromSeq}–${p.toSeq} 条记录缺失 (rows ${p.fromSeq}–${p.toSeq} are missing)`;
    case 'reordered':
      return `第 ${p.seq} 条记录顺序错误 (row ${p.seq} is out of order)`;
  }
}
