import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// `gongkai scan --json` reports both kinds (issue 5): personal data and 错敏词, over the configured
// database's dictionary (a fresh data folder: the starter set is seeded on first use). One spawn.

const dir = mkdtempSync(path.join(tmpdir(), 'gk-scan-wording-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(
  args: string[],
  stdin: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env, GONGKAI_DATA_DIR: dir, NODE_ENV: 'test' };
    delete env.DATABASE_URL; // the embedded SQLite in the temporary folder
    const child = spawn(process.execPath, ['bin/gongkai.js', 'scan', ...args], { env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

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
