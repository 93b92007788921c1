import type { Config } from '../config/config';
import { publishDueItems } from '../modules/documents';
import { lapseExpiredNormatives } from '../modules/normative';
import { loggerOptions } from '../web/http/logging';
import { buildServer } from '../web/http/server';
import { loadDemoContent } from './demo-content';
import { buildContext } from './deps';

/** `gongkai serve` / `npm start`: migrate, load demo content when asked, listen, stop cleanly on signals. */
export async function serve(config: Config): Promise<void> {
  const ctx = await buildContext(config);
  if (config.demo) {
    const loaded = await loadDemoContent(ctx);
    if (loaded) console.log('已载入演示数据（demo content loaded）；演示账户见 README。');
  }
  const app = await buildServer(ctx, loggerOptions(config.logLevel));
  // Scheduled publication (定时发布): due items go out within half a minute of their time.
  const publisher = setInterval(() => {
    publishDueItems(ctx).catch((error: unknown) =>
      app.log.error({ err: error }, 'scheduled publishing failed'),
    );
  }, 30_000);
  publisher.unref();
  // The registry's daily duty — lapse documents past their validity — checked hourly; it is idempotent.
  const lapse = () =>
    lapseExpiredNormatives(ctx).catch((error: unknown) =>
      app.log.error({ err: error }, 'normative expiry failed'),
    );
  const lapser = setInterval(lapse, 3_600_000);
  lapser.unref();
  void lapse();
  const stop = async () => {
    clearInterval(publisher);
    clearInterval(lapser);
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
