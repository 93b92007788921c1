import { runInspection } from '../../src/modules/inspections';
import { makeDocx, makePdf, makeXlsx } from '../import/files';
import { type Figure, log, since } from '../lib/figure';
import { type AttachmentSample, seedSite } from '../lib/site';
import { generateCorpus } from '../search/corpus';

// Whole-site inspection (src/modules/inspections, 国办秘函〔2019〕19号 scoring): one `runInspection` over a
// seeded site — freshness of every column and home page, catalogue metadata, links, attachments hashed
// against their records, and the wording and privacy checks on every published item and attachment — then
// findings, rectification tasks and the audit record written in one transaction.

async function attachmentSamples(): Promise<AttachmentSample[]> {
  const docs = generateCorpus(12, { seed: 31 });
  const table = { header: ['序号', '单位', '金额（万元）'], rows: [['1', '示范区财政局', '120.5']] };
  const out: AttachmentSample[] = [];
  for (const [i, d] of docs.entries()) {
    const paragraphs = d.text.split('\n').filter(Boolean);
    if (i % 5 === 4)
      out.push({ ext: 'pdf', mediaType: 'application/pdf', bytes: makePdf(d.title, paragraphs, table) });
    else if (i % 5 === 3)
      out.push({
        ext: 'xlsx',
        mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        bytes: await makeXlsx(table),
      });
    else
      out.push({
        ext: 'docx',
        mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        bytes: await makeDocx(d.title, paragraphs, table),
      });
  }
  return out;
}

export async function benchInspection(options: { items: number }): Promise<Figure[]> {
  log(`inspection: seeding ${options.items} items`);
  const site = await seedSite(options.items, await attachmentSamples());
  try {
    log(`inspection: seeded in ${site.seedSeconds.toFixed(0)} s; running`);
    const start = performance.now();
    const result = await runInspection(site.ctx, 'manual', { externalLinks: undefined });
    const seconds = since(start) / 1000;
    const findings = await site.ctx.db
      .selectFrom('inspection_findings')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const label = `${options.items.toLocaleString('en-US')} items`;
    const note =
      `${site.attachments.toLocaleString('en-US')} attachments (Word, Excel, PDF); ${Number(findings.n).toLocaleString('en-US')} findings, ` +
      `${result.opened.toLocaleString('en-US')} tasks opened; score ${result.summary.score}; seeding took ${site.seedSeconds.toFixed(0)} s (not in the figure)`;
    return [
      {
        bench: 'inspection',
        name: `whole-site inspection, ${label}`,
        value: seconds,
        unit: 's',
        trend: `inspection ${label}`,
        note,
      },
      {
        bench: 'inspection',
        name: `whole-site inspection, ${label}`,
        value: options.items / seconds,
        unit: 'items/s',
      },
    ];
  } finally {
    await site.ctx.close();
  }
}
