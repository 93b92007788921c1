import { pino } from 'pino';
import type { Config } from '../config/config';
import { loggerOptions } from '../web/http/logging';
import { buildContext } from './deps';
import { startDuties } from './duties';
import { watchIntegrity } from './integrity-watch';

/**
 * `gongkai worker`: the scheduled duties without the web server. Two uses, one code path: a deployment
 * of several instances runs it beside web instances (README "Deployment"), and `serve` forks it as its
 * child to keep the duties off the serving event loop (GONGKAI_DUTIES, duty-process.ts). Each duty
 * claims its time slot in duty_runs, so it runs once however many processes schedule it.
 */
export async function worker(config: Config): Promise<void> {
  // Started with an IPC channel means forked by `serve` (duty-process.ts): serve checks the integrity
  // itself, and the worker lives only as long as serve — the channel closes when serve dies, even killed.
  const childOfServe = process.channel !== undefined;
  // The server's pino setup (JSON lines, LOG_LEVEL), so the worker's log reads like the servers'.
  const options = loggerOptions(config.logLevel);
  const log = pino(typeof options === 'object' ? options : { level: config.logLevel });
  const ctx = await buildContext(config);
  // 可信验证 at boot and hourly (T18), unless serve, which already does, is the parent.
  const stopIntegrity = childOfServe ? () => {} : await watchIntegrity(ctx, log);
  const stopDuties = startDuties(ctx, (duty, error) =>
    log.error({ err: error, duty }, 'scheduled duty failed'),
  );
  let stopping = false;
  const stop = async (reason: string) => {
    if (stopping) return; // Ctrl-C reaches serve's child too, and then serve's SIGTERM follows
    stopping = true;
    log.info({ reason }, 'worker stopping');
    stopDuties();
    stopIntegrity();
    await ctx.db.destroy();
    process.exit(0);
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  if (childOfServe) {
    process.on('disconnect', () => stop('serve is gone'));
    if (!process.connected) void stop('serve is gone'); // it went while the database opened
  }
  // Keeps the process alive: startDuties unrefs its timers.
  setInterval(() => {}, 60_000);
  log.info({ childOfServe }, '定时任务进程已启动（worker started）');
}
