import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { generateCorpus } from '../search/corpus';

// The privacy screen's workload: government documents from the search benchmark's generator (prose with
// document numbers, dates, amounts, place and agency names — the text the screen mostly reads and must not
// flag) with, every fifth document, one of the hand-written PII corpus cases of test/fixtures/pii-corpus
// appended (公示名单, 处罚决定书, 答复书 … with names, ID and phone numbers, masked and not).

const FIXTURES = path.join(import.meta.dirname, '../../test/fixtures/pii-corpus');

function fixtureTexts(): string[] {
  return readdirSync(FIXTURES)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => readFileSync(path.join(FIXTURES, f), 'utf8'));
}

/** Documents adding up to at least `bytes` of UTF-8. */
export function privacyDocuments(bytes: number): string[] {
  const cases = fixtureTexts();
  const docs: string[] = [];
  let size = 0;
  for (let batch = 0; size < bytes; batch++) {
    for (const d of generateCorpus(1000, { seed: 7000 + batch })) {
      const n = docs.length;
      const text = `${d.title}\n${d.text}${n % 5 === 0 ? `\n\n${cases[(n / 5) % cases.length]}` : ''}`;
      docs.push(text);
      size += Buffer.byteLength(text);
      if (size >= bytes) break;
    }
  }
  return docs;
}
