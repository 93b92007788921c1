import type { Command } from 'commander';
import { z } from 'zod';
import { loadConfig } from '../config/config';
import { chinaDay } from '../core/clock';
import type { Context } from '../core/context';
import { isAppError } from '../core/errors';
import {
  checkWording,
  checkWordingWith,
  DEFAULT_THRESHOLD,
  type ExtractedText,
  extractFile,
  extractText,
  type PiiFinding,
  type PiiType,
  ruleTypeLabels,
  screenText,
  severityLabels,
  starterRuleSet,
  type WordingFinding,
} from '../modules/compliance';
import { buildContext } from './deps';

// `gongkai scan` — the privacy screen (隐私排查, issue 5) over text, HTML, .docx, .xlsx and .pdf files or
// standard input. Exit 0 when nothing at or above the threshold is found, 1 when something is, 2 on bad
// input (an unreadable file, an unknown type, a bad threshold). Wording findings (错敏词, veto and
// ordinary alike) count as found too: the wording checker joins CHECKERS per run, over the configured
// database's dictionary (the built-in starter set when the database cannot be opened).

/** What every checker reports: pii findings carry a score, wording findings a severity. */
export type ScanFinding = (PiiFinding | WordingFinding) & { file: string };

type TextChecker = (
  text: string,
  threshold: number,
) => (PiiFinding | WordingFinding)[] | Promise<(PiiFinding | WordingFinding)[]>;

const CHECKERS: readonly TextChecker[] = [(text, threshold) => screenText(text, { threshold })];

const TYPE_LABELS: Record<PiiType, string> = {
  id_card: '身份证号',
  uscc: '统一社会信用代码',
  mobile: '手机号码',
  landline: '固定电话',
  bank_card: '银行卡号',
  passport: '护照号码',
  travel_permit: '通行证号码',
  vehicle_plate: '车牌号码',
  email: '电子邮箱',
  address: '详细地址',
  person_name: '姓名',
};

const thresholdSchema = z.coerce
  .number({ error: '--threshold 应为 0 至 1 之间的数' })
  .min(0, '--threshold 应为 0 至 1 之间的数')
  .max(1, '--threshold 应为 0 至 1 之间的数');

async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function extract(file: string): Promise<ExtractedText> {
  if (file !== '-') return extractFile(file);
  const bytes = await readStdin();
  const html = /^\s*<(?:!doctype html|html)/i.test(bytes.subarray(0, 512).toString('utf8'));
  return extractText(bytes, html ? 'html' : 'text');
}

function describeProblem(file: string, error: unknown): string {
  const name = file === '-' ? '标准输入' : file;
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOENT') return `无法检查 ${name}：文件不存在`;
  if (code === 'EISDIR') return `无法检查 ${name}：这是一个目录`;
  if (code === 'EACCES') return `无法检查 ${name}：没有读取权限`;
  const message = isAppError(error) || error instanceof Error ? error.message : String(error);
  return `无法检查 ${name}：${message}`;
}

/** Screens every file; findings in file order, problems named by file (exported for tests). */
export async function scanFiles(files: string[], threshold: number, extra: readonly TextChecker[] = []) {
  const findings: ScanFinding[] = [];
  const problems: string[] = [];
  for (const file of files) {
    try {
      const { text } = await extract(file);
      for (const check of [...CHECKERS, ...extra])
        for (const f of await check(text, threshold)) findings.push({ file, ...f });
    } catch (error) {
      problems.push(describeProblem(file, error));
    }
  }
  return { findings, problems };
}

/** One human-readable line per finding. */
export function formatFinding(f: ScanFinding): string {
  if (f.kind === 'wording') {
    const advice = f.suggestion ? `；建议：${f.suggestion}` : '';
    return `${f.file}:${f.start}-${f.end}  错敏词·${ruleTypeLabels[f.type]}（${severityLabels[f.severity]}）  ${f.text}  ${f.explanation}${advice}；依据：${f.basis}`;
  }
  const masked = f.masked ? '（已掩码）' : '';
  const advice = f.suggestion ? `；建议：${f.suggestion}` : '';
  return `${f.file}:${f.start}-${f.end}  ${TYPE_LABELS[f.type]}${masked}  ${f.text}  置信度 ${f.score.toFixed(2)}  ${f.reason}${advice}`;
}

/** Runs work with the wording checker over the configured database, or the starter set without one. */
async function withWordingChecker<T>(work: (check: TextChecker) => Promise<T>): Promise<T> {
  let ctx: Context | undefined;
  try {
    ctx = await buildContext(loadConfig());
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    console.error(`警告：无法打开数据库（${reason}），错敏词检查只用内置初始规则`);
  }
  const open = ctx;
  const starter = starterRuleSet();
  const check: TextChecker = open
    ? (text) => checkWording(open, text)
    : (text) => checkWordingWith(starter, text, chinaDay(new Date()));
  try {
    return await work(check);
  } finally {
    await open?.db.destroy();
  }
}

function summarise(findings: ScanFinding[], threshold: number, problems: number): string[] {
  const pii = findings.filter((f) => f.kind === 'pii').length;
  const wording = findings.filter((f) => f.kind === 'wording');
  const veto = wording.filter((f) => f.kind === 'wording' && f.severity === 'veto').length;
  if (findings.length === 0) return problems === 0 ? [`未发现个人信息（阈值 ${threshold}）和错敏词`] : [];
  return [
    ...(pii > 0 ? [`共发现 ${pii} 处个人信息`] : []),
    ...(wording.length > 0 ? [`共发现 ${wording.length} 处错敏词（其中严重表述错误 ${veto} 处）`] : []),
  ];
}

/** Adds `scan` to the CLI. */
export function addScanCommand(program: Command): void {
  program
    .command('scan')
    .description(
      'privacy screen (隐私排查) and 错敏词 check: personal data and wording errors in text, HTML, .docx, ' +
        ".xlsx or .pdf files (- reads stdin), with the configured database's 错敏词库; exit 0 when nothing " +
        'is found, 1 when something is (personal data, or a wording finding of either severity), 2 on bad input',
    )
    .argument('<files...>', 'files to screen, or - for standard input')
    .option(
      '--json',
      'print {"findings": [{file, kind, type, start, end, text, suggestion, ...}]}: pii adds score and reason; ' +
        'wording adds ruleId, severity (veto|ordinary), explanation and basis',
    )
    .option('--threshold <score>', 'report findings scoring at least this (0–1)', String(DEFAULT_THRESHOLD))
    .action(async (files: string[], opts: { json?: boolean; threshold: string }) => {
      const threshold = thresholdSchema.safeParse(opts.threshold);
      if (!threshold.success) {
        console.error(`错误：${threshold.error.issues[0]?.message ?? '--threshold 无效'}`);
        process.exitCode = 2;
        return;
      }
      const { findings, problems } = await withWordingChecker((wording) =>
        scanFiles(files, threshold.data, [wording]),
      );
      if (opts.json) console.log(JSON.stringify({ findings }, null, 2));
      else {
        for (const f of findings) console.log(formatFinding(f));
        for (const line of summarise(findings, threshold.data, problems.length)) console.log(line);
      }
      for (const p of problems) console.error(`错误：${p}`);
      process.exitCode = problems.length > 0 ? 2 : findings.length > 0 ? 1 : 0;
    });
}
