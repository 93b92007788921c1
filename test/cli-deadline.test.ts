import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deadlineOutcome } from '../src/app/calendar-commands';
import { buildCli } from '../src/app/cli';
import { createTestContext, type TestContext } from './helpers/test-context';

const exec = promisify(execFile);
const bin = path.resolve('bin/gongkai.js');

async function gongkai(args: string[], env: NodeJS.ProcessEnv = process.env) {
  try {
    const { stdout, stderr } = await exec(process.execPath, [bin, ...args], { env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

// Each spawn compiles the CLI through tsx, so the process tests are few; the option handling is
// table-tested in-process on the same function the command runs.
describe('gongkai deadline, as a process', () => {
  it('prints the due date on the first line, then the steps', async () => {
    const res = await gongkai(['deadline', '--received', '2024-09-27']);
    expect(res.code).toBe(0);
    expect(res.stdout.split('\n')).toEqual([
      '2024-10-30',
      '2024-09-27 收到',
      '自次日起算20个工作日',
      '9月29日调休上班，计入',
      '10月1日至7日国庆节假期，不计',
      '10月12日调休上班，计入',
      '第20个工作日为2024-10-30',
      '',
    ]);
  });

  it('prints JSON with due and steps; pauses repeat, a correction restarts, an extension adds', async () => {
    const res = await gongkai([
      'deadline',
      '--received',
      '2024-09-27',
      '--correction-received',
      '2024-10-15',
      '--pause',
      '2024-10-21:2024-10-22',
      '--pause',
      '2024-10-28:2024-10-28:agency',
      '--extend',
      '5',
      '--json',
    ]);
    expect(res.code).toBe(0);
    const out = JSON.parse(res.stdout);
    // from 10/16: 20th working day 11/12; three paused working days → 11/15; +5 → 11/22
    expect(out.statutoryDue).toBe('2024-11-15');
    expect(out.due).toBe('2024-11-22');
    expect(out.steps).toContain('10月21日至22日中止计算，其间2个工作日不计');
    expect(out.steps).toContain('10月28日征求其他行政机关意见（条例第三十四条），其间1个工作日不计');
    expect(out.steps.at(-1)).toBe('第25个工作日为2024-11-22');
  });

  it('exits 2 on bad input, naming the option, without a stack trace', async () => {
    const res = await gongkai(['deadline', '--received', '2024-09-27', '--extend', '21']);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('--extend 应为 1 至 20 的整数');
    expect(res.stderr).not.toContain('    at ');
    expect(res.stdout).toBe('');
  });
});

describe('gongkai deadline options', () => {
  it.each([
    [{ received: '2024-9-27' }, '--received 应为 YYYY-MM-DD'],
    [{}, '--received 必填'],
    [{ received: '2024-09-27', extend: '0' }, '--extend'],
    [{ received: '2024-09-27', extend: 'two' }, '--extend'],
    [{ received: '2024-09-27', pause: ['2024-10-09'] }, '--pause 2024-10-09 应写作 FROM:TO'],
    [
      { received: '2024-09-27', pause: ['2024-10-09:2024-10-08'] },
      '--pause：暂停的开始日期 2024-10-09 晚于结束日期',
    ],
    [
      { received: '2024-09-27', pause: ['2024-09-20:2024-10-08'] },
      '--pause：暂停开始日期 2024-09-20 早于收到申请之日',
    ],
    [
      { received: '2024-09-27', correctionReceived: '2024-09-26' },
      '--correction-received：收到补正日期不得早于',
    ],
  ])('%j is refused: %s', (options, message) => {
    const outcome = deadlineOutcome(options);
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.message).toContain(message);
  });

  it('has no due date while a pause is still open', () => {
    const outcome = deadlineOutcome({ received: '2024-09-27', pause: ['2024-10-09:'], json: true });
    expect(outcome.ok && JSON.parse(outcome.lines[0] ?? '{}').due).toBeNull();
  });

  it('says in --help that it uses the chinese-days calendar only', () => {
    const help = buildCli()
      .commands.find((c) => c.name() === 'deadline')
      ?.helpInformation();
    expect(help).toContain('chinese-days calendar only');
    expect(help).toContain('--pause <from:to>');
  });
});

describe('gongkai calendar-check', () => {
  let ctx: TestContext;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    ctx = await createTestContext('sqlite');
    const { DATABASE_URL: _d, TEST_DATABASE_URL: _t, ...rest } = process.env;
    env = {
      ...rest,
      NODE_ENV: 'test',
      GONGKAI_DATA_DIR: ctx.dataDir,
      GONGKAI_AUDIT_KEY: ctx.keys.audit,
      GONGKAI_SECRET_KEY: ctx.keys.secret,
    };
  });
  afterAll(() => ctx.close());

  it('exits 1 with a Chinese message from 1 December when next year is missing', async () => {
    const res = await gongkai(['calendar-check', '--on', '2099-12-01'], env);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('缺少 2100 年工作日历');
  });

  it('exits 0 when next year is in chinese-days', async () => {
    const covered = await gongkai(['calendar-check', '--on', '2025-12-01'], env);
    expect(covered.code).toBe(0);
    expect(covered.stdout).toContain('工作日历正常');
  });
});
