import type { Config } from '../config/config';
import { loggerOptions } from '../web/http/logging';
import { buildServer } from '../web/http/server';
import { loadDemoContent } from './demo-content';
import { buildContext } from './deps';
import { startDuties } from './duties';
import { watchIntegrity } from './integrity-watch';

/** `gongkai serve` / `npm start`: migrate, load demo content when asked, listen, stop cleanly on signals. */
export async function serve(config: Config): Promise<void> {
  const ctx = await buildContext(config);
  if (config.demo) {
    const loaded = await loadDemoContent(ctx);
    if (loaded) console.log('已载入演示数据（demo content loaded）；演示账户见 README。');
  }
  const app = await buildServer(ctx, loggerOptions(config.logLevel));
  const stopIntegrity = await watchIntegrity(ctx, app.log); // 可信验证 at boot and hourly (T18)
  if (!config.mail.smtpUrl) app.log.warn('GONGKAI_SMTP_URL is not set: mail stays queued in the outbox');
  const stopDuties = config.runDuties
    ? startDuties(ctx, (duty, error) => app.log.error({ err: error, duty }, 'scheduled duty failed'))
    : () => {};
  const stop = async () => {
    stopDuties();
    stopIntegrity();
    await app.close();
    await ctx.db.destroy();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  await app.listen({ port: config.port, host: config.host });
  console.log(
    `政务公开平台已启动：门户 http://${config.host}:${config.port}/  后台 http://${config.host}:${config.port}/admin`,
  );
}
