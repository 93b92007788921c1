import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../src/modules/audit';
import {
  checkWording,
  currentWordingVersion,
  exportRules,
  importRules,
  listRules,
  saveAllowed,
  saveRule,
  setRuleEnabled,
} from '../src/modules/compliance';
import { makeAgency } from './helpers/factories';
import { createTestContext, type TestContext, testDatabases } from './helpers/test-context';

// The dictionary as data (issue 5): the starter set seeded on first use, edits that change what the
// check finds and bump the version, import/export round trips, and an audit record for every change.

const actor = systemActor('wording-test');
const rule = {
  type: 'wrong_right',
  term: '示范错词',
  suggestion: '示范正词',
  severity: 'ordinary',
  explanation: '测试规则',
  basis: '测试依据',
  source: 'https://example.gov.cn/case',
};

describe.each(testDatabases())('wording rules on %s', (kind) => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext(kind);
  });
  afterAll(() => ctx.close());

  const auditActions = async () =>
    (await ctx.db.selectFrom('audit_log').select('action').orderBy('seq').execute()).map((r) => r.action);
  const texts = async (text: string, on?: string) =>
    (await checkWording(ctx, text, on ? { on } : {})).map((f) => [f.text, f.suggestion ?? null]);

  it('seeds the starter set on first use and checks against it, agencies included', async () => {
    await makeAgency(ctx, { name: '示范区自然资源局' });
    expect(await texts('中华人民共合国；示范区自然姿源局')).toEqual([
      ['中华人民共合国', '中华人民共和国'],
      ['示范区自然姿源局', '示范区自然资源局'],
    ]);
    expect(await currentWordingVersion(ctx.db)).toBe(1);
    expect(await auditActions()).toContain('wording_rule.seeded');
  });

  it('save, edit and disable change what the check finds, each bumping the version and audited', async () => {
    expect(await texts('这是示范错词。')).toEqual([]);
    const { rule: saved, version } = await saveRule(ctx, actor, rule);
    expect(version).toBe(2);
    expect(await texts('这是示范错词。')).toEqual([['示范错词', '示范正词']]);

    const edited = await saveRule(ctx, actor, {
      ...rule,
      id: saved.id,
      suggestion: '更正后的词',
      validFrom: '2030-01-01',
    });
    expect(edited.version).toBe(3);
    expect(await texts('这是示范错词。')).toEqual([]); // not yet valid on the clock's day (2026)
    expect(await texts('这是示范错词。', '2030-01-01')).toEqual([['示范错词', '更正后的词']]);

    expect((await setRuleEnabled(ctx, actor, saved.id, false)).version).toBe(4);
    expect(await texts('这是示范错词。', '2030-01-01')).toEqual([]);

    await saveAllowed(ctx, actor, { phrase: '中华人民共合国纪念', note: '测试' });
    expect(await texts('中华人民共合国纪念')).toEqual([]);
    expect(await currentWordingVersion(ctx.db)).toBe(5);
    const actions = await auditActions();
    for (const a of ['wording_rule.saved', 'wording_rule.disabled', 'wording_allow.saved'])
      expect(actions).toContain(a);
  });

  it('rejects bad input with a Chinese message naming the field', async () => {
    await expect(saveRule(ctx, actor, { ...rule, type: 'context' })).rejects.toMatchObject({
      code: 'validation',
      fields: { 'context.before': '语境规则须填写前面或后面的词语' },
    });
    await expect(saveRule(ctx, actor, { ...rule, validFrom: '2024-02-30' })).rejects.toMatchObject({
      fields: { validFrom: expect.stringContaining('YYYY-MM-DD') },
    });
  });

  it('round-trips export and import as JSON and as CSV', async () => {
    await saveRule(ctx, actor, {
      ...rule,
      term: '=公式词',
      tags: ['甲', '乙'],
      context: { before: ['书记'], window: 1 },
      type: 'context',
    });
    const json = await exportRules(ctx, 'json');
    const csv = await exportRules(ctx, 'csv');
    const other = await createTestContext(kind);
    try {
      const imported = await importRules(other, actor, 'json', json);
      expect(imported.rules).toBe((await listRules(ctx)).length);
      expect(await exportRules(other, 'json')).toBe(json);
      const csvText = csv
        .map((cells) => `${cells.map((c) => `"${c.replace(/"/g, '""')}"`).join(',')}\r\n`)
        .join('');
      await importRules(other, actor, 'csv', csvText);
      expect(await listRules(other)).toEqual(await listRules(ctx));
      const actions = (await other.db.selectFrom('audit_log').select('action').execute()).map(
        (r) => r.action,
      );
      expect(actions.filter((a) => a === 'wording_rule.imported')).toHaveLength(2);
    } finally {
      await other.close();
    }
  });

  it('imports all or nothing, naming the bad row', async () => {
    const before = await currentWordingVersion(ctx.db);
    const bad = JSON.stringify([rule, { ...rule, severity: 'fatal' }]);
    await expect(importRules(ctx, actor, 'json', bad)).rejects.toThrow(/规则第 2 条：.*请选择严重程度/);
    expect(await currentWordingVersion(ctx.db)).toBe(before);
  });
});
