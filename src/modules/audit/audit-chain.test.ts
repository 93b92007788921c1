import { describe, expect, it } from 'vitest';
import { type AuditRow, checkAuditRow, GENESIS_MAC, macForAuditRow } from './audit-chain';

const key = 'k'.repeat(32);

function chain(n: number): AuditRow[] {
  const rows: AuditRow[] = [];
  let prev = GENESIS_MAC;
  for (let seq = 1; seq <= n; seq++) {
    const base = {
      seq,
      at: `2026-01-0${seq}T00:00:00.000Z`,
      actor_id: 'u1',
      actor_name: 'alice',
      actor_role: 'editor',
      agency_id: null,
      ip: '10.0.0.1',
      action: 'item.updated',
      object_type: 'item',
      object_id: `i${seq}`,
      outcome: 'success' as const,
      request_id: null,
      details: '{}',
      prev_mac: prev,
    };
    const mac = macForAuditRow(key, base);
    rows.push({ ...base, mac });
    prev = mac;
  }
  return rows;
}

function firstProblem(rows: AuditRow[], withKey = key) {
  let cursor = { seq: 0, mac: GENESIS_MAC };
  for (const row of rows) {
    const p = checkAuditRow(withKey, cursor, row);
    if (p) return p;
    cursor = { seq: row.seq, mac: row.mac };
  }
  return null;
}

describe('audit hash chain (security.md T15)', () => {
  it('verifies an untouched chain', () => {
    expect(firstProblem(chain(5))).toBeNull();
  });

  it('names the edited row', () => {
    const rows = chain(5);
    rows[2] = { ...(rows[2] as AuditRow), actor_name: 'mallory' };
    expect(firstProblem(rows)).toEqual({ kind: 'edited', seq: 3 });
  });

  it('names a deleted row as missing', () => {
    const rows = chain(5);
    rows.splice(1, 1);
    expect(firstProblem(rows)).toEqual({ kind: 'missing', fromSeq: 2, toSeq: 2 });
  });

  it('detects a row forged with a wrong key', () => {
    const rows = chain(3);
    const forged = { ...(rows[1] as AuditRow), action: 'user.created' };
    rows[1] = { ...forged, mac: macForAuditRow('not-the-key'.repeat(3), forged) };
    expect(firstProblem(rows)).toEqual({ kind: 'edited', seq: 2 });
  });

  it('detects a renumbered replacement of a deleted row', () => {
    const rows = chain(4);
    // Row 3 deleted and row 4 renumbered to 3 with a MAC recomputed by someone holding the key but
    // not the chain: its prev_mac still points at the old row 3.
    const moved = { ...(rows[3] as AuditRow), seq: 3 };
    rows.splice(2, 2, { ...moved, mac: macForAuditRow(key, moved) });
    expect(firstProblem(rows)).toEqual({ kind: 'missing', fromSeq: 3, toSeq: 3 });
  });
});
