import type { Kysely } from 'kysely';
import type { Context } from '../../core/context';
import { AppError } from '../../core/errors';
import { newId } from '../../core/ids';
import type { DB } from '../../db/schema';
import type { Inspection } from '../../db/schema-inspections';
import { withClusterLease } from '../../jobs/cluster-lease';
import { type Actor, auditedTransaction, systemActor } from '../audit';
import { loadCalendar } from '../calendar';
import type { ScopedFinding } from './finding';
import { loadInspectionRules } from './rules';
import { type InspectionSummary, scoreFindings } from './scoring';
import { type ScanOptions, scanSite } from './site-scan';
import { joinableTasks, syncTasks, taskDeadline } from './task-sync';

// One whole-site inspection: scan, score against 19号, record the findings, open or join rectification
// tasks and close the ones whose problem is gone — the writes and their audit record in one transaction.

export interface RunOptions extends ScanOptions {
  actor?: Actor; // who pressed "run now"; the scheduled duty runs as the system
}

export interface InspectionResult {
  inspection: Inspection;
  summary: InspectionSummary;
  opened: number;
  joined: number;
  closed: number;
}

async function insertFindings(
  trx: Kysely<DB>,
  inspectionId: string,
  findings: readonly ScopedFinding[],
  taskOf: Map<string, string>,
): Promise<void> {
  const rows = findings.map((f) => ({
    id: newId(),
    inspection_id: inspectionId,
    agency_id: f.agencyId,
    kind: f.kind,
    indicator: f.indicator,
    severity: f.severity,
    object_type: f.objectType,
    object_id: f.objectId,
    fingerprint: f.fingerprint,
    message: f.message,
    detail: JSON.stringify(f.detail),
    task_id: taskOf.get(f.fingerprint) ?? null,
  }));
  for (let i = 0; i < rows.length; i += 200)
    await trx
      .insertInto('inspection_findings')
      .values(rows.slice(i, i + 200))
      .execute();
}

// One whole-site inspection at a time: each reads every item and attachment (pdf.js text extraction
// included), and eight started at once took a server from 580 to 804 MiB (issue 8, fuzzing a real
// server); two at once would also both open rectification tasks for the same problems. Within a
// process a second manual start is refused and a scheduled one shares the run; across instances the
// cluster lease decides: a manual start is refused, a scheduled one waits for the other to finish.
const running = new WeakMap<object, Promise<InspectionResult>>();
const LEASE = 'inspection';
const LEASE_POLL_MS = 1_000;

const inspectionInProgress = () => new AppError('conflict', '全站检查正在进行，请稍后刷新检查记录查看结果');

/** Runs a whole-site inspection now; returns the inspection with its score and task changes. */
export async function runInspection(
  ctx: Context,
  trigger: 'scheduled' | 'manual',
  options: RunOptions = {},
): Promise<InspectionResult> {
  const current = running.get(ctx.db);
  if (current && trigger === 'manual') throw inspectionInProgress();
  if (current) return current;
  const run = inspectUnderLease(ctx, trigger, options).finally(() => running.delete(ctx.db));
  running.set(ctx.db, run);
  return run;
}

async function inspectUnderLease(
  ctx: Context,
  trigger: 'scheduled' | 'manual',
  options: RunOptions,
): Promise<InspectionResult> {
  for (;;) {
    const run = await withClusterLease(ctx.db, LEASE, () => inspectSite(ctx, trigger, options));
    if (run.ran) return run.value;
    if (trigger === 'manual') throw inspectionInProgress();
    await new Promise((resolve) => setTimeout(resolve, LEASE_POLL_MS));
  }
}

async function inspectSite(
  ctx: Context,
  trigger: 'scheduled' | 'manual',
  options: RunOptions,
): Promise<InspectionResult> {
  const actor = options.actor ?? systemActor('inspection');
  const startedAt = ctx.clock.now().toISOString();
  const rules = await loadInspectionRules(ctx.db);
  const found = await scanSite(ctx, rules, options);
  // An accepted exception takes its problem out of the score; it is still recorded and shown.
  const joinable = await joinableTasks(ctx.db);
  const excepted = (f: ScopedFinding) => joinable.get(f.fingerprint)?.status === 'excepted';
  const scored = scoreFindings(
    found.filter((f) => !excepted(f)),
    rules.thresholds,
  );
  const findings = [
    ...scored.findings,
    ...found.filter(excepted).map((f) => ({ ...f, detail: { ...f.detail, excepted: true } })),
  ];
  const calendar = await loadCalendar(ctx.db);
  const now = ctx.clock.now();
  const id = newId();
  return auditedTransaction(ctx, actor, async (trx) => {
    await trx
      .insertInto('inspections')
      .values({
        id,
        started_at: startedAt,
        finished_at: null,
        trigger,
        scope: 'site',
        started_by: actor.userId,
        score: null,
        summary: '{}',
      })
      .execute();
    const sync = await syncTasks(trx, id, findings, now, (s) =>
      taskDeadline(now, s, rules.thresholds, calendar),
    );
    await insertFindings(trx, id, findings, sync.taskOf);
    const inspection = await trx
      .updateTable('inspections')
      .set({
        finished_at: now.toISOString(),
        score: scored.summary.score,
        veto_count: scored.summary.vetoes.length,
        summary: JSON.stringify(scored.summary),
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const { opened, joined, closed } = sync;
    return {
      result: { inspection, summary: scored.summary, opened, joined, closed },
      audit: {
        action: 'inspection.run',
        objectType: 'inspection',
        objectId: id,
        details: {
          trigger,
          score: scored.summary.score,
          vetoes: scored.summary.vetoes.length,
          opened,
          joined,
          closed,
        },
      },
    };
  });
}

/** The summary JSON of an inspection row. */
export function summaryOf(inspection: Pick<Inspection, 'summary'>): InspectionSummary {
  return JSON.parse(inspection.summary) as InspectionSummary;
}
