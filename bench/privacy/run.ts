import { RECOGNISERS, screenDocument, screenText } from '../../src/modules/compliance';
import { atLeast, atMost, type Figure, log, median, since } from '../lib/figure';
import { privacyDocuments } from './corpus';

// Privacy screen (compliance.md §5.1): every recogniser, overlap resolution and masking suggestions over
// whole documents, as the publication check and the inspection run it. MB/s is UTF-8 input per second on
// one core; the per-page figure is a 2,000-character page (the compliance.md target: "well under 1 ms").

const NOW = new Date('2026-06-01T00:00:00Z');
const PAGE = 2000;

function screenAll(docs: readonly string[]): { ms: number; findings: number } {
  const start = performance.now();
  let findings = 0;
  for (const d of docs) findings += screenText(d, { now: NOW }).length;
  return { ms: since(start), findings };
}

// Where the time goes: each recogniser alone over the same documents, the slowest first.
function recogniserShares(docs: readonly string[]): string {
  const screened = docs.map((d) => screenDocument(d, NOW));
  const times = RECOGNISERS.map((r) => {
    const start = performance.now();
    for (const doc of screened) r.recognise(doc);
    return { name: r.name, ms: since(start) };
  });
  const total = times.reduce((n, t) => n + t.ms, 0);
  return times
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 3)
    .map((t) => `${t.name} ${Math.round((100 * t.ms) / total)} %`)
    .join(', ');
}

export async function benchPrivacy(options: { mb: number; rounds: number }): Promise<Figure[]> {
  const docs = privacyDocuments(options.mb * 1e6);
  const bytes = docs.reduce((n, d) => n + Buffer.byteLength(d), 0);
  const chars = docs.reduce((n, d) => n + d.length, 0);
  log(`privacy: ${docs.length} documents, ${(bytes / 1e6).toFixed(1)} MB`);
  screenAll(docs.slice(0, 500)); // warm the JIT
  const runs = Array.from({ length: options.rounds }, () => screenAll(docs));
  const ms = median(runs.map((r) => r.ms));
  const mbps = bytes / 1e6 / (ms / 1000);
  const pageMs = (ms / chars) * PAGE;
  const joined = docs.join('\n');
  const pages = Array.from({ length: Math.floor(joined.length / PAGE) }, (_, i) =>
    joined.slice(i * PAGE, (i + 1) * PAGE),
  );
  const pageRuns = Array.from({ length: options.rounds }, () => screenAll(pages).ms / pages.length);
  const shares = recogniserShares(docs);
  const corpus = `${docs.length.toLocaleString('en-US')} documents, ${(bytes / 1e6).toFixed(1)} MB, ${runs[0]?.findings} findings; median of ${options.rounds}`;
  return [
    {
      bench: 'privacy screen',
      name: 'throughput, whole documents',
      value: mbps,
      unit: 'MB/s (1 core)',
      trend: 'privacy',
      note: corpus,
    },
    {
      bench: 'privacy screen',
      name: 'time per 2,000-character page (from the whole-document run)',
      value: pageMs,
      unit: 'ms',
      digits: 2,
      trend: 'privacy per page',
      target: atMost(pageMs, 1, '< 1 ms per 2,000-character page (compliance.md §5.1.7)'),
      note: `slowest recognisers: ${shares}`,
    },
    {
      bench: 'privacy screen',
      name: 'time per 2,000-character page (the same text cut into pages)',
      value: median(pageRuns),
      unit: 'ms',
      digits: 2,
      target: atMost(median(pageRuns), 1, '< 1 ms per 2,000-character page (compliance.md §5.1.7)'),
    },
    {
      bench: 'privacy screen',
      name: 'characters per second',
      value: chars / (ms / 1000) / 1e6,
      unit: 'M chars/s',
      digits: 2,
      target: atLeast(chars / (ms / 1000), 2e6, '≥ 2 M chars/s (the same 1 ms per 2,000 characters)'),
    },
  ];
}
