import type { Context } from '../../core/context';
import { type ApplicationRow, applicationTimeliness } from './application-timeliness';
import { type DisclosureRow, proactiveDisclosureRates } from './disclosure-rate';
import { columnFreshness, type FreshnessResult } from './freshness';
import { type InterpretationRow, interpretationCoverage } from './interpretation-coverage';
import { type KeyTaskRow, keyTaskOverview } from './key-tasks';
import { type LetterRow, letterTimeliness } from './letters';
import { type PublishedByColumn, publishedByColumnMonth } from './publications';
import { type RectificationRow, rectificationProgress } from './rectification';
import { type AgencyName, agenciesInScope, type OversightScope } from './scope';

// The supervisor's view (统计分析): every metric for one scope, read in one pass. Read-only: no audit
// entry, no transaction; each metric is its own query so one can be reused or tested alone.

export interface OversightReport {
  scope: OversightScope;
  agencies: AgencyName[];
  generatedAt: string;
  publications: PublishedByColumn;
  disclosure: DisclosureRow[];
  interpretations: InterpretationRow[];
  applications: ApplicationRow[];
  rectification: RectificationRow[];
  freshness: FreshnessResult;
  letters: { rows: LetterRow[]; total: LetterRow | null };
  keyTasks: { year: number; rows: KeyTaskRow[]; total: KeyTaskRow | null };
}

/** All metrics of the supervisor's view for a department (or all) and a period. */
export async function oversightReport(ctx: Context, scope: OversightScope): Promise<OversightReport> {
  const agencies = await agenciesInScope(ctx, scope.agencyIds);
  const [
    publications,
    disclosure,
    interpretations,
    applications,
    rectification,
    freshness,
    letters,
    keyTasks,
  ] = await Promise.all([
    publishedByColumnMonth(ctx, scope),
    proactiveDisclosureRates(ctx, scope, agencies),
    interpretationCoverage(ctx, scope, agencies),
    applicationTimeliness(ctx, scope, agencies),
    rectificationProgress(ctx, scope, agencies),
    columnFreshness(ctx, scope, agencies),
    letterTimeliness(ctx, scope, agencies),
    keyTaskOverview(ctx, scope, agencies),
  ]);
  return {
    scope,
    agencies,
    generatedAt: ctx.clock.now().toISOString(),
    publications,
    disclosure,
    interpretations,
    applications,
    rectification,
    freshness,
    letters,
    keyTasks,
  };
}
