import type { FindingSeverity } from '../../db/schema-inspections';

// What every check returns. A finding names the problem's object and a fingerprint — a stable key of the
// problem itself — so the same problem found by the next scan joins the same rectification task.

export type { FindingSeverity };

/** Kinds of problem; content checks (wording, pii) may add their own. */
export type FindingKind =
  | 'freshness'
  | 'blank_column'
  | 'home_stale'
  | 'broken_link'
  | 'missing_attachment'
  | 'metadata'
  | 'wording'
  | 'pii'
  | (string & {});

export type InspectedObject = 'item' | 'column' | 'attachment' | 'site' | 'agency';

export interface InspectionFinding {
  kind: FindingKind;
  indicator: string; // a code of indicators.ts: the national indicator it counts against
  severity: FindingSeverity;
  objectType: InspectedObject;
  objectId: string;
  fingerprint: string;
  message: string; // Chinese, shown to the owning agency
  detail: Record<string, unknown>;
}

/** A finding with the agency that owns the object (null: no owner could be found). */
export interface ScopedFinding extends InspectionFinding {
  agencyId: string | null;
}

/** The stable key of a problem: kind, object and (for several problems on one object) what is wrong. */
export function fingerprintOf(kind: string, objectType: string, objectId: string, part?: string): string {
  return part === undefined
    ? `${kind}:${objectType}:${objectId}`
    : `${kind}:${objectType}:${objectId}:${part}`;
}

/** A finding about a published item (what content checks return). */
export function itemFinding(
  itemId: string,
  finding: Pick<InspectionFinding, 'kind' | 'indicator' | 'severity' | 'message'> & {
    part?: string;
    detail?: Record<string, unknown>;
  },
): InspectionFinding {
  return {
    kind: finding.kind,
    indicator: finding.indicator,
    severity: finding.severity,
    objectType: 'item',
    objectId: itemId,
    fingerprint: fingerprintOf(finding.kind, 'item', itemId, finding.part),
    message: finding.message,
    detail: finding.detail ?? {},
  };
}
