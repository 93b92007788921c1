import { compileDictionary, findAll } from '../../src/modules/compliance/matcher';
import { atLeast, type Figure, log, median, since } from '../lib/figure';
import { generateDictionary, generateText } from './workload';

// The matcher's headline figures for `npm run bench` (the full comparison with other libraries is
// `npm run bench:matcher`): compile time for the dictionary, and findAll throughput with normalisation on,
// on the matcher workload (government text with planted errors), one core.

export async function benchMatcherSummary(options: {
  mb: number;
  terms: number;
  rounds: number;
}): Promise<Figure[]> {
  const text = generateText(options.mb * 1e6);
  const entries = generateDictionary(options.terms);
  const bytes = Buffer.byteLength(text);
  log(`matcher: ${(bytes / 1e6).toFixed(1)} MB, ${entries.length} terms`);
  compileDictionary(entries); // builds the normalisation table and warms the JIT
  const compileStart = performance.now();
  const compiled = compileDictionary(entries);
  const compileMs = since(compileStart);
  const hits = findAll(compiled, text).length;
  const runs = Array.from({ length: options.rounds }, () => {
    const start = performance.now();
    findAll(compiled, text);
    return since(start);
  });
  const ms = median(runs);
  const charsPerSecond = text.length / (ms / 1000);
  const terms = entries.length.toLocaleString('en-US');
  return [
    {
      bench: 'matcher',
      name: `findAll, ${terms} terms, normalisation on`,
      value: charsPerSecond / 1e6,
      unit: 'M chars/s (1 core)',
      trend: 'matcher',
      target: atLeast(
        charsPerSecond,
        20e6,
        '≥ 20 M chars/s per core with a 50k dictionary (compliance.md §3.8)',
      ),
      note: `${(bytes / 1e6).toFixed(1)} MB, ${hits.toLocaleString('en-US')} hits; median of ${options.rounds}`,
    },
    {
      bench: 'matcher',
      name: `findAll, ${terms} terms, normalisation on`,
      value: bytes / 1e6 / (ms / 1000),
      unit: 'MB/s (1 core)',
    },
    { bench: 'matcher', name: `compile ${terms} terms`, value: compileMs, unit: 'ms' },
  ];
}
