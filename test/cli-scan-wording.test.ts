import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runGongkai } from './helpers/cli';

// `gongkai scan --json` reports both kinds (issue 5): personal data and 错敏词, over the configured
// database's dictionary (a fresh data folder: the starter set is seeded on first use). One spawn.

const dir = mkdtempSync(path.join(tmpdir(), 'gk-scan-wording-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = (args: string[], stdin = '') => runGongkai(['scan', ...args], dir, stdin);

describe('gongkai scan with wording findings', () => {
  it('reports pii and wording findings side by side in --json; exit 1', async () => {
    const text = '中华人民共合国公民张伟，身份证号11010519491231002X。';
    const { code, stdout, stderr } = await run(['--json', '-'], text);
    expect(stderr).toBe('');
    expect(code).toBe(1);
    const { findings } = JSON.parse(stdout);
    const wording = findings.find((f: { kind: string }) => f.kind === 'wording');
    expect(wording).toMatchObject({
      file: '-',
      type: 'wrong_right',
      severity: 'veto',
      start: 0,
      end: 7,
      text: '中华人民共合国',
      suggestion: '中华人民共和国',
    });
    expect(findings.find((f: { type: string }) => f.type === 'id_card')).toMatchObject({
      kind: 'pii',
      text: '11010519491231002X',
    });
    for (const f of findings) expect(text.slice(f.start, f.end)).toBe(f.text);
  });
});
