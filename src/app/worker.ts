import { pino } from 'pino';
import type { Config } from '../config/config';
import { loggerOptions } from '../web/http/logging';
import { buildContext } from './deps';
import { startDuties } from './duties';
import { watchIntegrity } from './integrity-watch';

/**
 * `gongkai worker`: the scheduled duties without the web server, for a deployment of several instances
 * (README "Deployment"). The web instances may keep ticking the duties too (GONGKAI_DUTIES) — each duty
 * claims its time slot in duty_runs, so it runs once however many processes schedule it.
 */
export async function worker(config: Config): Promise<void> {
  // The server's pino setup (JSON lines, LOG_LEVEL), so the worker's log reads like the servers'.
  const options = loggerOptions(config.logLevel);
  const log = pino(typeof options === 'object' ? options : { level: config.logLevel });
  const ctx = await buildContext(config);
  const stopIntegrity = await watchIntegrity(ctx, log); // 可信验证 at boot and hourly (T18)
  const stopDuties = startDuties(ctx, (duty, error) =>
    log.error({ err: error, duty }, 'scheduled duty failed'),
  );
  const stop = async (signal: NodeJS.Signals) => {
    log.info({ signal }, 'worker stopping');
    stopDuties();
    stopIntegrity();
    await ctx.db.destroy();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  // Keeps the process alive: the duty timers are unref'd so that `serve` can exit on close.
  setInterval(() => {}, 60_000);
  log.info('定时任务进程已启动（worker started）');
}
