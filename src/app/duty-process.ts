import { type ChildProcess, fork } from 'node:child_process';

// The scheduled duties of a single-instance install run in a child process of `serve`: the same
// `gongkai worker` a several-instance deployment runs beside its web instances. Inside the serving
// process, the hourly gap check and the nightly inspection stalled its event loop under load and 749
// requests failed (BENCHMARKS.md, Soak and availability). Each duty claims its slot in duty_runs, so the
// child is just one more instance; on SQLite it has its own connection (WAL, busy_timeout, BEGIN
// IMMEDIATE: src/db/client.ts).

export interface DutyProcessLog {
  info(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

// A crashed child is restarted after 1 s, then 2, 4… up to 60 s while it keeps crashing at once; one
// that ran a minute crashed for a new reason, and the wait starts again at 1 s. On stop it gets
// SIGTERM (the worker stops at once; a duty cut short runs again in its next slot), then SIGKILL
// after 5 s.
const FIRST_RESTART_MS = 1_000;
const MAX_RESTART_MS = 60_000;
const STEADY_MS = 60_000;
const KILL_AFTER_MS = 5_000;

/**
 * Forks `gongkai worker` from the script this process was started with (bin/gongkai.js under tsx,
 * dist/gongkai.js in production), with node's own options (the heap cap) and the same environment,
 * and restarts it with a growing wait whenever it exits unasked. The child writes to the same stdout and stderr,
 * and its IPC channel tells it to exit when this process is gone, even killed (worker.ts). Returns a
 * function that stops the child (SIGTERM, then SIGKILL) and restarts it no more.
 */
export function superviseDutyProcess(log: DutyProcessLog): () => Promise<void> {
  const script = process.argv[1];
  if (!script) throw new Error('cannot fork the duty process: no entry script in process.argv');
  let child: ChildProcess | undefined;
  let stopping = false;
  let nextWaitMs = FIRST_RESTART_MS;
  let restartTimer: NodeJS.Timeout | undefined;

  const start = () => {
    restartTimer = undefined;
    const startedAt = Date.now();
    const forked = fork(script, ['worker'], {
      execArgv: process.execArgv,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'], // its log lines go where serve's go
    });
    child = forked;
    log.info({ dutyPid: forked.pid }, 'duty process started');
    forked.on('error', (err) => log.error({ err, dutyPid: forked.pid }, 'duty process error'));
    forked.once('exit', (code, signal) => {
      if (child === forked) child = undefined;
      if (stopping) return;
      if (Date.now() - startedAt >= STEADY_MS) nextWaitMs = FIRST_RESTART_MS;
      log.error(
        { dutyPid: forked.pid, code, signal, restartInMs: nextWaitMs },
        'duty process exited unexpectedly; restarting it',
      );
      restartTimer = setTimeout(start, nextWaitMs);
      nextWaitMs = Math.min(nextWaitMs * 2, MAX_RESTART_MS);
    });
  };

  const stop = async () => {
    stopping = true;
    if (restartTimer) clearTimeout(restartTimer);
    const running = child;
    if (!running) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGTERM');
    const killer = setTimeout(() => running.kill('SIGKILL'), KILL_AFTER_MS);
    await exited;
    clearTimeout(killer);
  };

  start();
  return stop;
}
