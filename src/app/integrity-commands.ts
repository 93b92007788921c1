import type { Command } from 'commander';
import { findProjectRoot } from '../core/project-root';
import { recordAuditAlone, systemActor } from '../modules/audit';
import { withContext } from './cli-input';
import { checkDeployment } from './deploy-check';
import { MANIFEST_FILE, sealIntegrity, verifyIntegrity } from './integrity';

// `gongkai integrity seal|verify` and `gongkai check-deploy` (security.md T18): run by the operator at
// each release, after `npm run build`, with the production environment loaded. Exit 1 on a problem.

const operator = () => systemActor(`cli:${process.env.USER ?? 'operator'}`);

/** Adds the integrity and deployment-check commands. */
export function addIntegrityCommands(program: Command): void {
  const integrity = program
    .command('integrity')
    .description('可信验证: seal or verify the manifest of the build, static files and configuration');
  integrity
    .command('seal')
    .description(
      `write ${MANIFEST_FILE}, signed with GONGKAI_SECRET_KEY (after npm run build, at each release)`,
    )
    .action(() =>
      withContext(async (ctx) => {
        const manifest = sealIntegrity(findProjectRoot(), ctx.config, ctx.keys, new Date());
        await recordAuditAlone(ctx, operator(), {
          action: 'system.integrity_sealed',
          objectType: 'system',
          objectId: MANIFEST_FILE,
          details: { files: Object.keys(manifest.files).length, sealedAt: manifest.sealedAt },
        });
        console.log(
          `已封存 ${Object.keys(manifest.files).length} 个文件和当前配置的完整性清单：${MANIFEST_FILE}`,
        );
      }),
    );
  integrity
    .command('verify')
    .description('check the build, static files and configuration against the sealed manifest')
    .action(() =>
      withContext(async (ctx) => {
        const verdict = verifyIntegrity(findProjectRoot(), ctx.config, ctx.keys);
        if (verdict.kind === 'ok') {
          console.log(`完整性校验通过：${verdict.files} 个文件和配置与 ${verdict.sealedAt} 封存时一致`);
          return;
        }
        if (verdict.kind === 'unsealed')
          console.error(`完整性清单未封存（${MANIFEST_FILE}）：运行 gongkai integrity seal`);
        else for (const problem of verdict.problems) console.error(`完整性校验失败：${problem}`);
        process.exitCode = 1;
      }),
    );

  program
    .command('check-deploy')
    .description(
      'check a production deployment against security.md T18 (npm run check:deploy); exit 1 on a problem',
    )
    .action(() =>
      withContext(async (ctx) => {
        const problems = await checkDeployment(ctx, findProjectRoot());
        if (problems.length === 0) {
          console.log('部署检查通过 (deployment check passed)');
          return;
        }
        for (const problem of problems) console.error(`✗ ${problem}`);
        console.error(`部署检查未通过：${problems.length} 个问题`);
        process.exitCode = 1;
      }),
    );
}
