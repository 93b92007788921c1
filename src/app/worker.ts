import type { Config } from '../config/config';
import { buildContext } from './deps';
import { startDuties } from './duties';

/**
 * `gongkai worker`: the scheduled duties without the web server, for a deployment of several instances
 * (README "Deployment"). The web instances may keep ticking the duties too (GONGKAI_DUTIES) — each duty
 * claims its time slot in duty_runs, so it runs once however many processes schedule it.
 */
export async function worker(config: Config): Promise<void> {
  const ctx = await buildContext(config);
  const stopDuties = startDuties(ctx, (duty, error) =>
    console.error(
      JSON.stringify({
        time: Date.now(),
        level: 'error',
        msg: 'scheduled duty failed',
        duty,
        err: error instanceof Error ? error.stack : String(error),
      }),
    ),
  );
  const stop = async () => {
    stopDuties();
    await ctx.db.destroy();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  // Keeps the process alive: the duty timers are unref'd so that `serve` can exit on close.
  setInterval(() => {}, 60_000);
  console.log('定时任务进程已启动（worker started）');
}
