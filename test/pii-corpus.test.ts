import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractFile, PII_TYPES, type PiiFinding, type PiiType, screenText } from '../src/modules/compliance';

// Precision and recall of the privacy screen over the labelled corpus in test/fixtures/pii-corpus
// (compliance.md §1.3, §5.1.7): span matching by IoU as presidio-research does, per type and overall, with F2.
// The labels were written by hand before the recognisers; see the corpus README for the labelling rules.

const CORPUS = join(import.meta.dirname, 'fixtures/pii-corpus');
const IOU = 0.7;
const NOW = new Date('2025-06-01T00:00:00Z');

interface Span {
  type: PiiType;
  start: number;
  end: number;
  text: string;
}
interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

function goldSpans(text: string, labels: { type: PiiType; text: string }[]): Span[] {
  const after = new Map<string, number>();
  return labels.map((l) => {
    let start = text.indexOf(l.text, after.get(l.text) ?? 0);
    // a label is a whole token: 12345678 inside H12345678 is not its occurrence
    while (start > 0 && /[0-9A-Za-z]/.test(text[start - 1] ?? '')) start = text.indexOf(l.text, start + 1);
    if (start < 0) throw new Error(`label not in text: ${l.text}`);
    after.set(l.text, start + l.text.length);
    return { ...l, start, end: start + l.text.length };
  });
}

const iou = (a: Span, b: Span) =>
  Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start)) /
  (Math.max(a.end, b.end) - Math.min(a.start, b.start));

function score(
  gold: Span[],
  found: PiiFinding[],
  counts: Map<PiiType, Counts>,
  errors: string[],
  doc: string,
) {
  const unmatched = new Set(gold);
  for (const f of found) {
    const match = [...unmatched].find((g) => g.type === f.type && iou(g, f) >= IOU);
    const c = counts.get(f.type) as Counts;
    if (match) {
      unmatched.delete(match);
      c.tp++;
    } else {
      c.fp++;
      errors.push(`${doc} FP ${f.type} ${f.text} (${f.reason})`);
    }
  }
  for (const g of unmatched) {
    (counts.get(g.type) as Counts).fn++;
    errors.push(`${doc} FN ${g.type} ${g.text}`);
  }
}

const ratio = (n: number, d: number) => (d === 0 ? 1 : n / d);
const f2 = (p: number, r: number) => (p + r === 0 ? 0 : (5 * p * r) / (4 * p + r));

// Checksum- or allocation-validated types must be near-perfect; structural recognisers (names, addresses,
// plates, permits) rely on labels and are held to Presidio's tuned level (compliance.md §1.3: 0.87 / 0.84).
// Names without a label (documents 39–51: 名单公示, 处罚决定书, 补贴公示, 会议纪要 …) raised person_name
// recall on the 51 documents from 0.602 to 0.964 at precision 1.000; names are held at 0.9 since then.
const PER_TYPE_MIN: Partial<Record<PiiType, number>> = {
  id_card: 0.95,
  mobile: 0.95,
  bank_card: 0.95,
  email: 0.95,
  person_name: 0.9,
  address: 0.8,
};

describe('privacy screen over the labelled corpus', () => {
  it('holds precision and recall above the thresholds, per type and overall', async () => {
    const files = readdirSync(CORPUS).filter((f) => /\.(txt|html)$/.test(f));
    expect(files.length).toBeGreaterThanOrEqual(51);
    const counts = new Map(PII_TYPES.map((t) => [t, { tp: 0, fp: 0, fn: 0 }]));
    const errors: string[] = [];
    for (const file of files) {
      const { text } = await extractFile(join(CORPUS, file));
      const labels = JSON.parse(readFileSync(join(CORPUS, file.replace(/\.\w+$/, '.json')), 'utf8'));
      score(goldSpans(text, labels.findings), screenText(text, { now: NOW }), counts, errors, file);
    }
    const rows = [...counts].filter(([, c]) => c.tp + c.fp + c.fn > 0);
    const total = rows.reduce((s, [, c]) => ({ tp: s.tp + c.tp, fp: s.fp + c.fp, fn: s.fn + c.fn }), {
      tp: 0,
      fp: 0,
      fn: 0,
    });
    const line = (name: string, c: Counts) => {
      const p = ratio(c.tp, c.tp + c.fp);
      const r = ratio(c.tp, c.tp + c.fn);
      return `${name.padEnd(14)} tp ${String(c.tp).padStart(3)} fp ${String(c.fp).padStart(3)} fn ${String(c.fn).padStart(3)}  P ${p.toFixed(3)}  R ${r.toFixed(3)}  F2 ${f2(p, r).toFixed(3)}`;
    };
    console.log(
      [
        `privacy screen, ${files.length} documents, IoU ≥ ${IOU}`,
        ...rows.map(([t, c]) => line(t, c)),
        line('overall', total),
        ...errors,
      ].join('\n'),
    );
    expect(ratio(total.tp, total.tp + total.fp)).toBeGreaterThanOrEqual(0.9);
    expect(ratio(total.tp, total.tp + total.fn)).toBeGreaterThanOrEqual(0.9);
    for (const [type, c] of rows) {
      const min = PER_TYPE_MIN[type] ?? 0.8;
      expect(ratio(c.tp, c.tp + c.fp), `${type} precision`).toBeGreaterThanOrEqual(min);
      expect(ratio(c.tp, c.tp + c.fn), `${type} recall`).toBeGreaterThanOrEqual(min);
    }
  });
});
