// Preloaded into the server under load (`node --import <this file> bin/gongkai.js serve`) by the load
// bench: the event-loop delay as security.md T1 measures it, with perf_hooks.monitorEventLoopDelay, inside
// the server itself. On SIGUSR2 it writes what it saw since the last signal to the file named by
// GONGKAI_BENCH_LOOP_DELAY_FILE, then starts afresh (loop-delay.ts reads it). Plain JavaScript: it loads
// before bin/gongkai.js registers the TypeScript loader. Never part of the product.
import { writeFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';

const file = process.env.GONGKAI_BENCH_LOOP_DELAY_FILE;
const RESOLUTION_MS = 10;

if (file && !process.channel) {
  // Not in the duty process serve forks (it has an IPC channel and inherits this --import).
  const histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  histogram.enable();
  let samples = 0;
  // Each recorded value is the whole interval between two timer ticks: the timer's own 10 ms plus the
  // delay, so the resolution is taken off.
  const delayMs = (ns) => Math.max(0, ns / 1e6 - RESOLUTION_MS);
  process.on('SIGUSR2', () => {
    samples += 1;
    const reading = {
      sample: samples,
      p50: delayMs(histogram.percentile(50)),
      p99: delayMs(histogram.percentile(99)),
      max: delayMs(histogram.max),
      ticks: histogram.count,
    };
    histogram.reset();
    writeFileSync(file, JSON.stringify(reading));
  });
}
