import type { WordingRule } from './wording.types';

// The CSV form of the dictionary: one flat row per rule, lists joined with “|”, so a spreadsheet can
// edit it. Writing neutralises formulas (the web layer's toCsvLine convention: a leading apostrophe
// before = + - @); reading removes that apostrophe again, so an export imports back unchanged.

export const CSV_COLUMNS = [
  'id',
  'type',
  'term',
  'suggestion',
  'severity',
  'explanation',
  'basis',
  'source',
  'tags',
  'valid_from',
  'valid_to',
  'context_before',
  'context_after',
  'context_window',
  'skip_noise',
  'fold_repeats',
  'enabled',
] as const;

/** A rule as CSV cells, in CSV_COLUMNS order. */
export function ruleCells(r: WordingRule): string[] {
  return [
    r.id,
    r.type,
    r.term,
    r.suggestion ?? '',
    r.severity,
    r.explanation,
    r.basis,
    r.source,
    r.tags.join('|'),
    r.validFrom ?? '',
    r.validTo ?? '',
    (r.context?.before ?? []).join('|'),
    (r.context?.after ?? []).join('|'),
    r.context?.window === undefined ? '' : String(r.context.window),
    r.options.skipNoise ? String(r.options.skipNoise) : '',
    r.options.foldRepeats ? '1' : '0',
    r.enabled ? '1' : '0',
  ];
}

/** A CSV record (by column name) as the raw input of parseRuleInput. */
export function ruleInputFromCsv(row: Record<string, string>): Record<string, unknown> {
  const list = (v: string | undefined) => (v ? v.split('|') : []);
  const before = list(row.context_before);
  const after = list(row.context_after);
  return {
    id: row.id,
    type: row.type,
    term: row.term,
    suggestion: row.suggestion,
    severity: row.severity,
    explanation: row.explanation,
    basis: row.basis,
    source: row.source ?? '',
    tags: list(row.tags),
    validFrom: row.valid_from,
    validTo: row.valid_to,
    context:
      before.length + after.length > 0 ? { before, after, window: row.context_window || undefined } : null,
    options: { skipNoise: row.skip_noise || undefined, foldRepeats: row.fold_repeats ?? '0' },
    enabled: row.enabled ?? '1',
  };
}

/** Parses RFC 4180 CSV (quoted fields, doubled quotes, CRLF or LF) into rows of cells. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const source = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (quoted && c === '"' && source[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (quoted && c === '"') quoted = false;
    else if (quoted) cell += c;
    else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && source[i + 1] === '\n') i++;
      rows.push([...row, cell]);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (cell !== '' || row.length > 0) rows.push([...row, cell]);
  return rows.filter((r) => r.some((c) => c.trim() !== '')).map((r) => r.map(unneutralise));
}

// Undo toCsvLine's formula guard: "'=..." was "=...".
function unneutralise(cell: string): string {
  return /^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell;
}
