import { readFile } from 'node:fs/promises';
import { Argument, Command, Option } from 'commander';
import { type Config, loadConfig } from '../config/config';
import type { Context } from '../core/context';
import { isAppError } from '../core/errors';
import { createUser } from '../modules/accounts';
import { describeChainProblem, recordAuditAlone, systemActor, verifyAuditChain } from '../modules/audit';
import { cleanText, importDirectory, summariseCleanResult } from '../modules/documents';
import { rebuildSearchIndex } from '../search/item-indexer';
import { createBackup, describeAttachmentProblem, restoreBackup, verifyRestoredAttachments } from './backup';
import { addCalendarCommands } from './calendar-commands';
import { buildContext } from './deps';
import { duties } from './duties';
import { addIntegrityCommands } from './integrity-commands';
import { addReportCommands } from './report-commands';
import { addScanCommand } from './scan-command';
import { serve } from './serve';
import { worker } from './worker';

// `gongkai` — the home of every operational command (README "Operations").

async function withContext<T>(work: (ctx: Context) => Promise<T>, config: Config = loadConfig()): Promise<T> {
  const ctx = await buildContext(config);
  try {
    return await work(ctx);
  } finally {
    await ctx.db.destroy();
  }
}

/** Reads a whole file, or standard input when the name is `-`; decoded once so no character is split. */
async function readTextInput(file: string): Promise<string> {
  if (file !== '-') return readFile(file, 'utf8');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

const cliActor = () => systemActor(`cli:${process.env.USER ?? 'operator'}`);

/** Builds the command tree; exported for tests. */
export function buildCli(): Command {
  const program = new Command('gongkai')
    .description('政务公开平台 Gongkai — operations')
    .showHelpAfterError();

  program
    .command('serve')
    .description('start the portal and back office (npm start)')
    .action(async () => serve(loadConfig()));

  program
    .command('worker')
    .description('run the scheduled duties without the web server (several instances; see README)')
    .action(async () => worker(loadConfig()));

  program
    .command('migrate')
    .description('create or upgrade the database schema')
    .action(() => withContext(async () => console.log('数据库结构已是最新 (schema is up to date)')));

  const admin = program.command('admin').description('administrator accounts: admin create');
  admin
    .command('create')
    .description('create an administrator with a one-time password (三权分立: system, security or audit)')
    .requiredOption('--username <name>', 'login name')
    .requiredOption('--name <display>', 'display name')
    .addOption(
      new Option('--role <role>', 'administrator role')
        .choices(['system', 'security', 'audit'])
        .default('system'),
    )
    .action((opts: { username: string; name: string; role: 'system' | 'security' | 'audit' }) =>
      withContext(async (ctx) => {
        const { user, initialPassword } = await createUser(ctx, cliActor(), {
          username: opts.username,
          displayName: opts.name,
          adminRole: opts.role,
        });
        console.log(`已创建 ${opts.role} 管理员 ${user.username}`);
        console.log(`一次性初始密码：${initialPassword}`);
        console.log('首次登录须修改密码并绑定动态口令（TOTP）。');
      }),
    );

  const audit = program.command('audit').description('audit log: audit verify');
  audit
    .command('verify')
    .description('verify the audit hash chain; names the first edited, missing or forged row')
    .action(() =>
      withContext(async (ctx) => {
        const result = await verifyAuditChain(ctx.db, ctx.keys.audit);
        if (result.problem) {
          console.error(
            `审计链校验失败：${describeChainProblem(result.problem)}（此前 ${result.rows} 条完好）`,
          );
          process.exitCode = 1;
          return;
        }
        console.log(`审计链完整：${result.rows} 条记录校验通过 (audit chain verified)`);
      }),
    );

  program
    .command('backup')
    .description('write an online backup of the database to FILE and of the attachments to FILE.attachments/')
    .argument('<file>')
    .action((file: string) =>
      withContext(async (ctx) => {
        const { attachmentFiles, taskFiles } = await createBackup(ctx.config, file);
        await recordAuditAlone(ctx, cliActor(), {
          action: 'backup.created',
          details: { file, attachmentFiles, taskFiles },
        });
        console.log(
          `备份完成：${file}（附件 ${attachmentFiles} 个，位于 ${file}.attachments/；重点工作文件 ${taskFiles} 个，位于 ${file}.key-task-files/）`,
        );
      }),
    );

  program
    .command('restore')
    .description('replace the database and attachments with the backup in FILE; checks every attachment')
    .argument('<file>')
    .action(async (file: string) => {
      const config = loadConfig();
      const { attachmentFiles, taskFiles } = await restoreBackup(config, file);
      const problems = await withContext(async (ctx) => {
        const found = await verifyRestoredAttachments(ctx);
        await recordAuditAlone(ctx, cliActor(), {
          action: 'backup.restored',
          details: { file, attachmentFiles, taskFiles, attachmentProblems: found.length },
        });
        return found;
      }, config);
      if (attachmentFiles === null) console.log('该备份不含附件目录（旧版备份）：现有附件文件保持不变。');
      if (taskFiles === null) console.log('该备份不含重点工作文件目录（旧版备份）：现有文件保持不变。');
      console.log(`恢复完成：${file}（附件 ${attachmentFiles ?? 0} 个，重点工作文件 ${taskFiles ?? 0} 个）`);
      if (problems.length > 0) {
        console.error(`附件校验失败：${problems.length} 个附件缺失或内容不符`);
        for (const p of problems) console.error(`  ${describeAttachmentProblem(p)}`);
        process.exitCode = 1;
      }
    });

  program
    .command('clean')
    .description('clean pasted or imported text: pinyin annotations, traditional characters, whitespace')
    .argument('<file>', 'text file, or - to read standard input')
    .action(async (file: string) => {
      const result = cleanText(await readTextInput(file));
      process.stdout.write(result.text);
      for (const line of summariseCleanResult(result)) console.error(line);
    });

  program
    .command('import')
    .description(
      'import an existing portal: one HTML or text file per item, described by metadata.json or metadata.tsv',
    )
    .argument('<dir>', 'the directory holding the files and the metadata')
    .action((dir: string) =>
      withContext(async (ctx) => {
        const report = await importDirectory(ctx, cliActor(), dir);
        console.log(`导入 ${report.imported} 条，跳过 ${report.skipped.length} 条`);
        for (const s of report.skipped) console.log(`  跳过 ${s.record}：${s.reason}`);
        for (const w of report.warnings) console.log(`  提示 ${w.record}：${w.message}`);
      }),
    );

  program
    .command('search-reindex')
    .description('rebuild the full-text search index from the published items (after an import or a restore)')
    .action(() =>
      withContext(async (ctx) => {
        console.log(`已重建检索索引：${await rebuildSearchIndex(ctx.db)} 条已发布信息`);
      }),
    );

  program
    .command('duty')
    .description('run one scheduled duty now (the server runs them all on their intervals)')
    .addArgument(new Argument('<name>', 'the duty').choices(duties.map((d) => d.name)))
    .addHelpText(
      'after',
      `\nDuties:\n${duties.map((d) => `  ${d.name.padEnd(22)}${d.description}`).join('\n')}`,
    )
    .action((name: string) =>
      withContext(async (ctx) => {
        const duty = duties.find((d) => d.name === name);
        if (duty) console.log(await duty.run(ctx));
      }),
    );

  addCalendarCommands(program);
  addIntegrityCommands(program);
  addScanCommand(program);
  addReportCommands(program);

  return program;
}

/** Runs the CLI; errors print a clear message, never a stack trace. */
export async function runCli(argv: string[]): Promise<void> {
  try {
    await buildCli().parseAsync(argv);
  } catch (error) {
    const message = isAppError(error)
      ? error.message
      : error instanceof Error
        ? error.message
        : String(error);
    console.error(`错误：${message}`);
    process.exitCode = 1;
  }
}
