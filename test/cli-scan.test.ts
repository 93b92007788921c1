import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runGongkai } from './helpers/cli';

// `gongkai scan` as operators run it (issue 5): exit 0 clean, 1 when personal data is found, 2 on bad
// input; --json prints {"findings": [...]}; - reads standard input. Each spawn takes seconds: three in all.

const dir = mkdtempSync(path.join(tmpdir(), 'gk-scan-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = (args: string[], stdin = '') => runGongkai(['scan', ...args], dir, stdin);

describe('gongkai scan', () => {
  it('reads standard input and prints JSON findings with UTF-16 offsets; exit 1', async () => {
    const text = '申请人：孙伟，身份证号11010519491231002X，手机138****1234，邮箱sunwei@163.com。';
    const { code, stdout } = await run(['--json', '-'], text);
    expect(code).toBe(1);
    const { findings } = JSON.parse(stdout);
    expect(findings.map((f: { type: string }) => f.type)).toEqual(['person_name', 'id_card', 'email']);
    for (const f of findings) {
      expect(text.slice(f.start, f.end)).toBe(f.text);
      expect(f).toMatchObject({
        kind: 'pii',
        file: '-',
        score: expect.any(Number),
        suggestion: expect.any(String),
      });
    }
  });

  it('exits 0 on a clean file, naming the threshold', async () => {
    const clean = path.join(dir, 'clean.txt');
    writeFileSync(
      clean,
      '联系人：区政务公开办王芳，咨询电话：0571-87011234。统一社会信用代码91330100MA27XK5H2Q。\n',
    );
    const { code, stdout } = await run(['--threshold', '0.5', clean]);
    expect(code).toBe(0);
    expect(stdout).toContain('未发现个人信息（阈值 0.5）');
  });

  it('exits 2 on bad input, naming the file, after printing the findings of the good ones', async () => {
    const leak = path.join(dir, 'leak.txt');
    writeFileSync(leak, '姓名\t联系电话\n赵德胜\t13867112345\n');
    const { code, stdout, stderr } = await run([
      leak,
      path.join(dir, 'missing.pdf'),
      path.join(dir, 'x.doc'),
    ]);
    expect(code).toBe(2);
    expect(stdout).toContain('13867112345');
    expect(stdout).toContain('共发现 2 处个人信息');
    expect(stderr).toContain(`无法检查 ${path.join(dir, 'missing.pdf')}：文件不存在`);
    expect(stderr).toContain(`无法检查 ${path.join(dir, 'x.doc')}：不支持的文件类型`);
  });
});
