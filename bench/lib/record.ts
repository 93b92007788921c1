import { readFileSync, writeFileSync } from 'node:fs';
import { type Figure, formatValue } from './figure';
import type { Machine } from './machine';

// The run as Markdown, and BENCHMARKS.md's "All benchmarks" section kept up to date: the latest run's
// table between markers, and each earlier run's one-line summary moved into the trend list.

export interface RunRecord {
  command: string;
  startedAt: Date;
  minutes: number;
  machine: Machine;
  loadAtEnd: string;
  cpuCheckAtEnd: number;
  figures: Figure[];
  notMeasured: string[];
  failures: string[];
}

const LATEST_START = '<!-- bench:latest:start -->';
const LATEST_END = '<!-- bench:latest:end -->';
const TREND_START = '<!-- bench:trend:start -->';
const TREND_END = '<!-- bench:trend:end -->';
const SUMMARY = /<!-- bench:summary (.*) -->/;

const stamp = (d: Date) => `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
const cell = (s: string) => s.replaceAll('|', '\\|');

function verdict(f: Figure): string {
  if (!f.target) return '';
  if (f.target.met === null) return 'see note';
  return f.target.met ? 'met' : '**missed**';
}

/** The run's table and its header, as printed and as stored in BENCHMARKS.md. */
export function renderRun(run: RunRecord): string {
  const m = run.machine;
  const lines = [
    `### Latest run: ${stamp(run.startedAt)}`,
    '',
    `- Command: \`${run.command}\` (took ${run.minutes.toFixed(0)} min).`,
    `- Machine: \`nproc\` ${m.nproc}; CPU ${m.cpu}; ${m.ramGiB} GiB RAM; Node ${m.node}; SQLite ${m.sqlite}; PostgreSQL ${m.postgres}.`,
    `- Load average (1 / 5 / 15 min): ${m.loadAtStart} at the start, ${run.loadAtEnd} at the end. ` +
      `CPU check (a bare \`charCodeAt\` pass, ~2,900 MB/s on an idle core here): ${m.cpuCheck.toFixed(0)} MB/s at the start, ` +
      `${run.cpuCheckAtEnd.toFixed(0)} MB/s at the end.`,
  ];
  if (run.notMeasured.length) lines.push(`- Not measured in this run: ${run.notMeasured.join('; ')}.`);
  if (run.failures.length) lines.push(`- Failed: ${run.failures.join('; ')}.`);
  lines.push(
    '',
    '| benchmark | figure | value | unit | target | | note |',
    '| --- | --- | ---: | --- | --- | --- | --- |',
    ...run.figures.map(
      (f) =>
        `| ${f.bench} | ${cell(f.name)} | ${formatValue(f)} | ${f.unit} | ${cell(f.target?.text ?? '')} | ${verdict(f)} | ${cell(f.note ?? '')} |`,
    ),
  );
  const missed = run.figures.filter((f) => f.target?.met === false);
  lines.push(
    '',
    missed.length
      ? `Targets missed in this run: ${missed.map((f) => `${f.bench} — ${f.name}: ${formatValue(f)} ${f.unit} (target ${f.target?.text})`).join('; ')}.`
      : 'Every target with a figure in this run was met.',
  );
  return lines.join('\n');
}

/** One line for the trend list: date, command options, load and the headline figures. */
export function summaryLine(run: RunRecord): string {
  const figures = run.figures.filter((f) => f.trend).map((f) => `${f.trend} ${formatValue(f)} ${f.unit}`);
  const load = `load ${run.machine.loadAtStart.split(' / ')[0]}, CPU check ${run.machine.cpuCheck.toFixed(0)} MB/s`;
  return `${stamp(run.startedAt)}, \`${run.command}\`, ${load}: ${figures.join('; ')}`;
}

/** Replaces the latest run in BENCHMARKS.md and moves the one it replaces into the trend list. */
export function recordInBenchmarks(file: string, run: RunRecord): void {
  const text = readFileSync(file, 'utf8');
  const a = text.indexOf(LATEST_START);
  const b = text.indexOf(LATEST_END);
  const c = text.indexOf(TREND_START);
  const d = text.indexOf(TREND_END);
  if (a < 0 || b < a || c < 0 || d < c) throw new Error(`${file}: the bench markers are missing`);
  // An HTML comment may not hold "--": the summary keeps it as "-\u200b-" and gets it back when moved.
  const previous = SUMMARY.exec(text.slice(a, b))?.[1]?.replaceAll('-\u200b-', '--');
  const trend = text.slice(c + TREND_START.length, d).trim();
  const trendLines = [previous ? `- ${previous}` : '', trend].filter(
    (l) => l.length > 0 && l !== '- (none yet)',
  );
  const latest = `${LATEST_START}\n${renderRun(run)}\n<!-- bench:summary ${summaryLine(run).replaceAll('--', '-\u200b-')} -->\n${LATEST_END}`;
  const trendBlock = `${TREND_START}\n${trendLines.join('\n') || '- (none yet)'}\n${TREND_END}`;
  // The trend block follows the latest one; both are rewritten in one write.
  writeFileSync(
    file,
    text.slice(0, a) +
      latest +
      text.slice(b + LATEST_END.length, c) +
      trendBlock +
      text.slice(d + TREND_END.length),
  );
}
