import type { Config } from '../config/config';
import { loggerOptions } from '../web/http/logging';
import { buildServer } from '../web/http/server';
import { loadDemoContent } from './demo-content';
import { buildContext } from './deps';
import { superviseDutyProcess } from './duty-process';
import { watchIntegrity } from './integrity-watch';

/**
 * `gongkai serve` / `npm start`: migrate, load demo content when asked, start the scheduled duties in a
 * child process (GONGKAI_DUTIES; duty-process.ts), listen, stop both cleanly on signals.
 */
export async function serve(config: Config): Promise<void> {
  const ctx = await buildContext(config);
  if (config.demo) {
    const loaded = await loadDemoContent(ctx);
    if (loaded) console.log('已载入演示数据（demo content loaded）；演示账户见 README。');
  }
  const app = await buildServer(ctx, loggerOptions(config.logLevel));
  const stopIntegrity = await watchIntegrity(ctx, app.log); // 可信验证 at boot and hourly (T18)
  if (!config.mail.smtpUrl) app.log.warn('GONGKAI_SMTP_URL is not set: mail stays queued in the outbox');
  // The duties never run on this event loop: a heavy one stalled it under load (duty-process.ts).
  const stopDuties = config.runDuties ? superviseDutyProcess(app.log) : async () => {};
  const stop = async () => {
    stopIntegrity();
    await Promise.all([stopDuties(), app.close()]);
    await ctx.db.destroy();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    await stopDuties(); // a server that cannot listen leaves no duty process behind
    throw error;
  }
  console.log(
    `政务公开平台已启动：门户 http://${config.host}:${config.port}/  后台 http://${config.host}:${config.port}/admin`,
  );
}
