import { existsSync, readFileSync } from 'node:fs';

// The reading side of loop-delay-probe.mjs: the event-loop delay inside the server under load (security.md
// T1 "Event loop: delay p99 ≤ 50 ms"), taken scenario by scenario.

export interface LoopDelay {
  p50: number;
  p99: number;
  max: number;
}

export interface LoopDelayProbe {
  /** The delay seen since the last call (or since the server started), in ms; the probe starts afresh. */
  take(): Promise<LoopDelay>;
}

// The file as the probe last wrote it; undefined while it is missing or half-written.
function readingIn(file: string): (LoopDelay & { sample: number }) | undefined {
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/** Signals the server's probe and waits (up to 5 s) for the reading it writes. */
export function loopDelayProbe(pid: number, file: string): LoopDelayProbe {
  let sample = 0;
  return {
    async take() {
      sample += 1;
      process.kill(pid, 'SIGUSR2');
      for (const deadline = Date.now() + 5_000; Date.now() < deadline; ) {
        const reading = readingIn(file);
        if (reading?.sample === sample) return reading;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      throw new Error(`the server's loop-delay probe did not answer (pid ${pid}, ${file})`);
    },
  };
}
