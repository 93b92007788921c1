import type { Context } from '../../core/context';
import { normativeYearStats } from '../normative';
import { listReportFigures, sumFigure } from './report-figures.service';
import { draftOverview, feeSentence } from './report-overview';
import { appealFacts, caseFacts, feesCollected, overviewFigures, reportScope } from './report-queries';
import { type AnnualReport, annualReportSchema } from './report-schema';
import { tallyAppeals, tallyApplications } from './report-tables';

// The annual report for an agency and year built from the platform's records (issue 7): table 2 from the
// 规范性文件 registry and the figures entered from other systems, table 3 from the cases (report-tables.ts
// gives the year's boundaries), table 4 from the recorded reconsiderations and lawsuits, section 一 and
// the fee sentence of 六 drafted; 五 and the rest of 六 are the officer's.

async function normativeTotals(ctx: Context, agencyIds: string[], year: number) {
  const totals = { issued: 0, repealed: 0, inForce: 0 };
  for (const id of agencyIds) {
    const s = await normativeYearStats(ctx, id, year);
    totals.issued += s.issued;
    totals.repealed += s.repealed;
    totals.inForce += s.inForce;
  }
  return totals;
}

/** Table 2 (law-and-formats.md §2.3): 规章 is 0 unless entered (a district makes no rules); the rest null until entered. */
async function proactiveTable(
  ctx: Context,
  agencyIds: string[],
  year: number,
): Promise<AnnualReport['proactive']> {
  const figures = await listReportFigures(ctx.db, agencyIds, year);
  return {
    rules: {
      issued: sumFigure(figures, 'rules.issued') ?? 0,
      repealed: sumFigure(figures, 'rules.repealed') ?? 0,
      inForce: sumFigure(figures, 'rules.inForce') ?? 0,
    },
    normativeDocuments: await normativeTotals(ctx, agencyIds, year),
    licensing: sumFigure(figures, 'licensing'),
    penalty: sumFigure(figures, 'penalty'),
    enforcement: sumFigure(figures, 'enforcement'),
    feesTenThousandYuan: sumFigure(figures, 'feesTenThousandYuan'),
  };
}

/** Builds the report of an agency (id or code) for a year; a district's covers its departments too. */
export async function buildAnnualReport(ctx: Context, agencyId: string, year: number): Promise<AnnualReport> {
  const { agency, agencyIds } = await reportScope(ctx.db, agencyId);
  const draft: AnnualReport = {
    agency: agency.name,
    year,
    proactive: await proactiveTable(ctx, agencyIds, year),
    applications: tallyApplications(await caseFacts(ctx.db, agencyIds, year), year),
    appeals: tallyAppeals(await appealFacts(ctx.db, agencyIds, year), year),
    narrative: {
      overview: '',
      problems: '',
      other: feeSentence(await feesCollected(ctx.db, agencyIds, year)),
    },
  };
  draft.narrative.overview = draftOverview(draft, await overviewFigures(ctx, agencyIds, year));
  return annualReportSchema.parse(draft);
}
