import { readFile, writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { isAppError } from '../core/errors';
import { systemActor } from '../modules/audit';
import {
  type AnnualReport,
  annualReportDocx,
  buildAnnualReport,
  checkAnnualReport,
  enterReportFigures,
  importReportFigures,
  parseAnnualReportFile,
  type ReportCheck,
  renderAnnualReportHtml,
  reportScope,
  reportTitle,
} from '../modules/reports';
import { guarded, InputProblem, withContext } from './cli-input';
import { addSummaryCommand } from './report-summary-command';

// `gongkai report …` (README "Annual report (年度报告)"). Exit status: 0 done (for `check`: no errors),
// 1 `check` found errors, 2 the input could not be read (a file, an option, an agency), with a message
// naming the problem. A subcommand is one function in `subcommands` below.

async function readReport(file: string, hints: { agency?: string; year?: number } = {}) {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new InputProblem(
      `无法读取 ${file}：${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  try {
    return parseAnnualReportFile(text, hints);
  } catch (error) {
    if (isAppError(error)) throw new InputProblem(`${file}：${error.message}`);
    throw error;
  }
}

function yearOption(raw: string | undefined, required: boolean): number | undefined {
  if (raw === undefined && !required) return undefined;
  if (!/^\d{4}$/.test(raw ?? '')) throw new InputProblem('--year 应为四位年份，如 --year 2023');
  return Number(raw);
}

function printCheck(check: ReportCheck): void {
  for (const e of check.errors) console.log(`错误 ${e.message}`);
  for (const w of check.warnings) console.log(`提示 ${w.message}`);
  console.log(`校验完成：${check.errors.length} 个错误，${check.warnings.length} 个提示`);
}

function summaryLines(r: AnnualReport): string[] {
  const t = (row: keyof AnnualReport['applications']) => r.applications[row][6] ?? '/';
  return [
    reportTitle(r.agency, r.year),
    `表二 行政规范性文件：制发 ${r.proactive.normativeDocuments.issued ?? '/'}，废止 ${r.proactive.normativeDocuments.repealed ?? '/'}，现行有效 ${r.proactive.normativeDocuments.inForce ?? '/'}`,
    `表三 新收 ${t('newReceived')}，上年结转 ${t('carriedOver')}，办结 ${t('total')}，结转下年度 ${t('carriedForward')}`,
    `表四 行政复议 ${r.appeals.reconsideration.total ?? '/'}，行政诉讼 ${r.appeals.litigationDirect.total ?? '/'} + ${r.appeals.litigationAfterReconsideration.total ?? '/'}`,
  ];
}

function addBuild(report: Command): void {
  report
    .command('build')
    .description('build the annual report of an agency (id or code) for a year from the records; checks it')
    .requiredOption('--agency <id>', 'agency id or code (a district covers its departments)')
    .requiredOption('--year <year>', 'the report year, e.g. 2023')
    .option('--json', 'print the report in the JSON interchange format')
    .option('--html <file>', 'also write the report as HTML in the national layout')
    .option('--docx <file>', 'also write the report as Word in the national layout')
    .action(
      guarded(
        async (opts: { agency: string; year: string; json?: boolean; html?: string; docx?: string }) => {
          const year = yearOption(opts.year, true) as number;
          const built = await withContext((ctx) => buildAnnualReport(ctx, opts.agency, year));
          if (opts.html) await writeFile(opts.html, renderAnnualReportHtml(built));
          if (opts.docx) await writeFile(opts.docx, await annualReportDocx(built));
          if (opts.json) {
            console.log(JSON.stringify(built, null, 2));
            return;
          }
          for (const line of summaryLines(built)) console.log(line);
          printCheck(checkAnnualReport(built));
        },
      ),
    );
}

function addCheck(report: Command): void {
  report
    .command('check')
    .description('check a report (JSON or HTML) against H1–H5 (errors) and S1, S2, S3, S5 (warnings)')
    .argument('<file>', 'the report, JSON interchange format')
    .option('--previous <file>', "last year's report, for S1 and S3")
    .option('--json', 'print {errors, warnings} as JSON')
    .action(
      guarded(async (file: string, opts: { previous?: string; json?: boolean }) => {
        const { report: current } = await readReport(file);
        const previous = opts.previous ? (await readReport(opts.previous)).report : undefined;
        const check = checkAnnualReport(current, previous);
        if (opts.json) console.log(JSON.stringify(check, null, 2));
        else printCheck(check);
        if (check.errors.length > 0) process.exitCode = 1;
      }),
    );
}

function addImport(report: Command): void {
  report
    .command('import')
    .description('read a report (JSON, or the HTML of a published report) into the JSON interchange format')
    .argument('<file>', 'JSON or HTML file')
    .option('--agency <name>', 'agency name, when the page title does not give it')
    .option('--year <year>', 'report year, when the page title does not give it')
    .option('--json', 'print {format, report, check} instead of the report alone')
    .action(
      guarded(async (file: string, opts: { agency?: string; year?: string; json?: boolean }) => {
        const year = yearOption(opts.year, false);
        const { report: read, format } = await readReport(file, {
          ...(opts.agency ? { agency: opts.agency } : {}),
          ...(year ? { year } : {}),
        });
        const check = checkAnnualReport(read);
        if (opts.json) {
          console.log(JSON.stringify({ format, report: read, check }, null, 2));
          return;
        }
        console.log(JSON.stringify(read, null, 2));
        for (const f of [...check.errors, ...check.warnings])
          console.error(`${f.severity === 'error' ? '错误' : '提示'} ${f.message}`);
        console.error(
          `已导入（${format.toUpperCase()}）：${check.errors.length} 个错误，${check.warnings.length} 个提示`,
        );
      }),
    );
}

function addFigures(report: Command): void {
  report
    .command('figures')
    .description(
      'enter table 2 figures from other systems: KEY=VALUE … (licensing, penalty, enforcement, feesTenThousandYuan, rules.*), or --import FILE.csv',
    )
    .argument('[assignments...]', 'KEY=VALUE; an empty VALUE clears the figure')
    .option('--agency <id>', 'agency id or code')
    .option('--year <year>', 'the report year')
    .option('--source <text>', 'where the figures come from (system, document)')
    .option('--import <file>', 'CSV with the header agency,year,key,value,source')
    .action(
      guarded(
        async (
          assignments: string[],
          opts: { agency?: string; year?: string; source?: string; import?: string },
        ) => {
          const actor = systemActor(`cli:${process.env.USER ?? 'operator'}`);
          if (opts.import) {
            const csv = await readFile(opts.import, 'utf8').catch(() => {
              throw new InputProblem(`无法读取 ${opts.import}`);
            });
            const n = await withContext((ctx) => importReportFigures(ctx, actor, csv));
            console.log(`已导入 ${n} 项年报统计数据`);
            return;
          }
          if (!opts.agency) throw new InputProblem('--agency 必填（或用 --import 导入 CSV）');
          const figures = Object.fromEntries(
            assignments.map((a) => {
              const at = a.indexOf('=');
              if (at <= 0) throw new InputProblem(`${a} 应写作 KEY=VALUE`);
              return [a.slice(0, at), a.slice(at + 1)];
            }),
          );
          const year = yearOption(opts.year, true);
          await withContext(async (ctx) => {
            const { agency } = await reportScope(ctx.db, opts.agency as string);
            await enterReportFigures(ctx, actor, agency.id, { year, source: opts.source ?? '', figures });
          });
          console.log(`已录入 ${Object.keys(figures).length} 项：${opts.agency} ${year} 年`);
        },
      ),
    );
}

// One line per subcommand of `gongkai report`.
const subcommands: ((report: Command) => void)[] = [
  addBuild,
  addCheck,
  addImport,
  addFigures,
  addSummaryCommand,
];

/** Adds the `report` command group (annual report) to the CLI. */
export function addReportCommands(program: Command): Command {
  const report = program
    .command('report')
    .description('annual report (政府信息公开工作年度报告): build, check, import, figures');
  for (const add of subcommands) add(report);
  return report;
}
