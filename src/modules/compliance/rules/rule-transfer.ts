import type { Context } from '../../../core/context';
import { AppError } from '../../../core/errors';
import { newId } from '../../../core/ids';
import { type Actor, auditedTransaction } from '../../audit';
import { listAllowed, listRules } from './rule.service';
import { CSV_COLUMNS, parseCsv, ruleCells, ruleInputFromCsv } from './rule-csv';
import { parseAllowInput, parseRuleInput, type RuleInput } from './rule-input';
import { bumpVersion, ensureStarterSet, rowValues, upsertRule } from './rule-store';

// Import and export of the dictionary as CSV (rules) or JSON (rules and allow-list). An import is all
// or nothing: every row is validated first, errors name the row; then one version, one audit record.

export type TransferFormat = 'csv' | 'json';

const MAX_IMPORT_ROWS = 50_000;

function fail(message: string): never {
  throw new AppError('validation', message, { fields: { content: message } });
}

function rowsOfCsv(content: string): Record<string, unknown>[] {
  const [header, ...rows] = parseCsv(content);
  if (!header) fail('文件为空');
  const missing = ['type', 'term', 'severity', 'explanation', 'basis'].filter((c) => !header.includes(c));
  if (missing.length > 0) fail(`CSV 表头缺少列：${missing.join('、')}（应为 ${CSV_COLUMNS.join(',')}）`);
  return rows.map((cells) =>
    ruleInputFromCsv(Object.fromEntries(header.map((h, i) => [h.trim(), cells[i] ?? '']))),
  );
}

function rowsOfJson(content: string): { rules: unknown[]; allowed: unknown[] } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(content);
  } catch {
    fail('JSON 格式有误，无法解析');
  }
  if (Array.isArray(parsed)) return { rules: parsed, allowed: [] };
  const body = parsed as { rules?: unknown; allowed?: unknown };
  if (!body || typeof body !== 'object' || !Array.isArray(body.rules))
    fail('JSON 应为规则数组，或含 rules 数组的对象');
  return { rules: body.rules, allowed: Array.isArray(body.allowed) ? body.allowed : [] };
}

function validateAll<T>(rows: unknown[], parse: (raw: unknown) => T, label: string): T[] {
  return rows.map((raw, i) => {
    try {
      return parse(raw);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return fail(`${label}第 ${i + 1} 条：${message}`);
    }
  });
}

/** Imports rules (upserted by id; a row without id is added) and, from JSON, allowed phrases. */
export async function importRules(
  ctx: Context,
  actor: Actor,
  format: TransferFormat,
  content: string,
): Promise<{ rules: number; allowed: number; version: number }> {
  await ensureStarterSet(ctx);
  const raw = format === 'csv' ? { rules: rowsOfCsv(content), allowed: [] } : rowsOfJson(content);
  if (raw.rules.length + raw.allowed.length === 0) fail('没有可导入的规则');
  if (raw.rules.length > MAX_IMPORT_ROWS) fail(`一次最多导入 ${MAX_IMPORT_ROWS} 条`);
  const rules: RuleInput[] = validateAll(raw.rules, parseRuleInput, '规则');
  const allowed = validateAll(raw.allowed, parseAllowInput, '白名单');
  return auditedTransaction(ctx, actor, async (trx) => {
    const summary = `导入 ${format.toUpperCase()}：规则 ${rules.length} 条${allowed.length ? `、白名单 ${allowed.length} 条` : ''}`;
    const version = await bumpVersion(trx, ctx, actor, summary);
    const now = ctx.clock.now().toISOString();
    for (const r of rules) await upsertRule(trx, r.id ?? newId(), rowValues(r), version, now);
    for (const a of allowed)
      await trx
        .insertInto('wording_allow')
        .values({ id: newId(), ...a, created_at: now })
        .onConflict((oc) => oc.column('phrase').doUpdateSet({ note: a.note }))
        .execute();
    return {
      result: { rules: rules.length, allowed: allowed.length, version },
      audit: {
        action: 'wording_rule.imported',
        objectType: 'wording_rules',
        objectId: String(version),
        details: { format, rules: rules.length, allowed: allowed.length },
      },
    };
  });
}

/**
 * The whole dictionary for export: CSV as rows of cells (header first; the web layer writes them with
 * its formula-safe toCsvLine), JSON as text {rules, allowed}.
 */
export async function exportRules(ctx: Context, format: 'csv'): Promise<string[][]>;
export async function exportRules(ctx: Context, format: 'json'): Promise<string>;
export async function exportRules(ctx: Context, format: TransferFormat): Promise<string[][] | string> {
  const rules = await listRules(ctx);
  if (format === 'csv') return [[...CSV_COLUMNS], ...rules.map(ruleCells)];
  const allowed = (await listAllowed(ctx)).map(({ phrase, note }) => ({ phrase, note }));
  return `${JSON.stringify({ rules, allowed }, null, 2)}\n`;
}
