import type { Context } from '../core/context';
import { findProjectRoot } from '../core/project-root';
import { recordAuditAlone, systemActor } from '../modules/audit';
import { MANIFEST_FILE, verifyIntegrity } from './integrity';

// The checks of the sealed manifest (integrity.ts) while the server runs: at boot and every hour
// (security.md T18). A change is an alarm — an error in the log, which the operators' log monitoring
// watches — and an audit record for the security administrator; with GONGKAI_INTEGRITY_ENFORCE=1 a
// change found at boot also refuses the start.

const HOUR_MS = 3_600_000;

export interface AlarmLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/** Checks once: logs the verdict, audits a change; true when nothing changed (or nothing is sealed). */
export async function checkIntegrityNow(ctx: Context, log: AlarmLog, root: string): Promise<boolean> {
  const verdict = verifyIntegrity(root, ctx.config, ctx.keys);
  if (verdict.kind === 'ok') {
    log.info({ sealedAt: verdict.sealedAt, files: verdict.files }, 'integrity check passed');
    return true;
  }
  if (verdict.kind === 'unsealed') {
    if (ctx.config.production)
      log.warn({ manifest: MANIFEST_FILE }, 'no sealed integrity manifest: run `gongkai integrity seal`');
    return true;
  }
  log.error({ problems: verdict.problems }, 'INTEGRITY CHECK FAILED: the build or configuration changed');
  await recordAuditAlone(ctx, systemActor('integrity'), {
    action: 'system.integrity_failed',
    objectType: 'system',
    objectId: MANIFEST_FILE,
    outcome: 'failure',
    details: { problems: verdict.problems.slice(0, 50) },
  });
  return false;
}

/** The boot check, then one every hour; throws at boot when enforced and something changed. */
export async function watchIntegrity(
  ctx: Context,
  log: AlarmLog,
  options: { root?: string; everyMs?: number } = {},
): Promise<() => void> {
  const root = options.root ?? findProjectRoot();
  const intact = await checkIntegrityNow(ctx, log, root);
  if (!intact && ctx.config.integrityEnforce)
    throw new Error('完整性校验失败，按 GONGKAI_INTEGRITY_ENFORCE=1 拒绝启动（详见审计日志和运行日志）');
  const timer = setInterval(() => {
    checkIntegrityNow(ctx, log, root).catch((err) => log.error({ err }, 'integrity check could not run'));
  }, options.everyMs ?? HOUR_MS);
  timer.unref();
  return () => clearInterval(timer);
}
