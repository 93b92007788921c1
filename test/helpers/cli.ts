import { spawn } from 'node:child_process';

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `gongkai ARGS` as a real process on the embedded SQLite in `dataDir` (never the configured
 * PostgreSQL), feeding `stdin`; resolves with the exit code and both outputs.
 */
export function runGongkai(args: string[], dataDir: string, stdin = ''): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env, GONGKAI_DATA_DIR: dataDir, NODE_ENV: 'test' };
    delete env.DATABASE_URL;
    const child = spawn(process.execPath, ['bin/gongkai.js', ...args], { env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}
