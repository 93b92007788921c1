import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

// CPU time a server process used, from /proc (Linux): per request it is far steadier than req/s on a
// shared machine, where throughput follows whatever else runs. Clock ticks are 1/100 s here.

const TICKS_PER_SECOND = 100;

/** The pid listening on a local TCP port (ss from iproute2), or undefined. */
export function pidListeningOn(port: number): number | undefined {
  const out = execFileSync('ss', ['-Hltnp', `sport = :${port}`], { encoding: 'utf8' });
  const found = /pid=(\d+)/.exec(out)?.[1];
  return found ? Number(found) : undefined;
}

/** User + system CPU seconds the process has used so far. */
export function cpuSecondsOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND; // utime, stime
}
