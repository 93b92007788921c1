import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const exec = promisify(execFile);

describe('gongkai clean', () => {
  it('prints the cleaned text of a scraped file and reports what it changed', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'gk-clean-'));
    try {
      const file = path.join(dir, 'scraped.txt');
      writeFileSync(file, '　　區(qū)經(jīng)信局關(guān)於開(kāi)展工作的通知\n\n\n\n乡(镇)附件(PDF)\n');
      const { stdout, stderr } = await exec(process.execPath, ['bin/gongkai.js', 'clean', file]);
      expect(stdout).toBe('区经信局关于开展工作的通知\n\n乡(镇)附件(PDF)\n');
      expect(stderr).toContain('已删除拼音注音 4 处');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
