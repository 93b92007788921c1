// Command-line options of the bench scripts: `--name value` numbers and `--flag` switches.

export function numberArg(name: string, fallback: number, argv = process.argv): number {
  const at = argv.indexOf(`--${name}`);
  const value = at >= 0 ? Number(argv[at + 1]) : fallback;
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

export function flagArg(name: string, argv = process.argv): boolean {
  return argv.includes(`--${name}`);
}

/** A comma-separated list option (`--only search,matcher`), or null when absent. */
export function listArg(name: string, argv = process.argv): string[] | null {
  const at = argv.indexOf(`--${name}`);
  const value = at >= 0 ? argv[at + 1] : undefined;
  return value ? value.split(',').map((s) => s.trim()) : null;
}
