import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  chromium,
  type Page,
} from 'playwright-core';

// A real server process on demo content (fresh SQLite data folder) and Debian's Chromium, for the
// browser tests: CSP, cookies and the page script all run as they do for a citizen.

const repoRoot = path.resolve(import.meta.dirname, '../..');

/** A port nobody listens on right now: the OS picks it, we release it for the server. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** Polls /healthz; the first start migrates and loads demo content, so this can take a while. */
async function waitForHealth(baseUrl: string, server: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`server exited (${server.exitCode}):\n${log()}`);
    try {
      if ((await fetch(`${baseUrl}/healthz`)).status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`server not healthy within 90 s:\n${log()}`);
}

export interface DemoServer {
  baseUrl: string;
  /** The server's process id (node itself runs `gongkai serve`): /proc/<pid>/status tells its memory. */
  pid: number;
  stop(): Promise<void>;
  /** SIGKILL, as a power cut would: no shutdown hooks run. The data folder is left as it was. */
  kill(): Promise<void>;
  /** Everything the server wrote to stdout and stderr so far (its JSON logs). */
  log(): string;
}

export interface DemoServerOptions {
  /** Reuse this data folder (a restart); it is then kept after stop. Default: a fresh temporary one. */
  dataDir?: string;
  env?: Record<string, string>;
  /** The script to run, from the repository root: the sources through tsx (default) or the build. */
  entry?: 'bin/gongkai.js' | 'dist/gongkai.js';
  /** Options for node itself, e.g. the heap cap the deployment units set. */
  nodeOptions?: string[];
}

/** Starts `gongkai serve` with demo content, in a fresh temporary data folder unless one is given. */
export async function startDemoServer(options: DemoServerOptions = {}): Promise<DemoServer> {
  const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), 'gk-e2e-'));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    GONGKAI_DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    GONGKAI_DEMO: '1',
    NODE_ENV: 'development',
    GONGKAI_SHED_EVENT_LOOP_DELAY_MS: '0', // as in test-context.ts: no 503s because CI is busy
  };
  delete env.DATABASE_URL; // embedded SQLite unless the caller names a database
  Object.assign(env, options.env);
  let log = '';
  const args = [...(options.nodeOptions ?? []), options.entry ?? 'bin/gongkai.js', 'serve'];
  const server = spawn(process.execPath, args, { cwd: repoRoot, env, stdio: 'pipe' });
  server.stdout?.on('data', (d) => {
    log += d;
  });
  server.stderr?.on('data', (d) => {
    log += d;
  });
  const running = () => server.exitCode === null && server.signalCode === null;
  const stop = async () => {
    if (running()) {
      const exited = new Promise((r) => server.once('exit', r));
      server.kill('SIGTERM');
      const timer = setTimeout(() => server.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    }
    if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
  };
  const kill = async () => {
    if (!running()) return;
    const exited = new Promise((r) => server.once('exit', r));
    server.kill('SIGKILL');
    await exited;
  };
  try {
    await waitForHealth(baseUrl, server, () => log);
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseUrl, pid: server.pid ?? 0, stop, kill, log: () => log };
}

export interface WorkerProcess {
  pid: number;
  stop(): Promise<void>;
  log(): string;
}

/** Starts `gongkai worker` (the scheduled duties, no web server) on the database or data folder `env` names. */
export async function startWorker(env: Record<string, string>): Promise<WorkerProcess> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'gk-worker-'));
  const childEnv: NodeJS.ProcessEnv = { ...process.env, GONGKAI_DATA_DIR: dataDir, NODE_ENV: 'development' };
  delete childEnv.DATABASE_URL; // embedded SQLite unless the caller names a database
  let log = '';
  const child = spawn(process.execPath, ['bin/gongkai.js', 'worker'], {
    cwd: repoRoot,
    env: { ...childEnv, ...env },
    stdio: 'pipe',
  });
  const started = new Promise<void>((resolve, reject) => {
    const onData = (d: Buffer) => {
      log += d;
      if (log.includes('worker started')) resolve();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`worker exited (${code}):\n${log}`)));
    setTimeout(() => reject(new Error(`worker not started within 40 s:\n${log}`)), 40_000).unref();
  });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await started;
  } catch (error) {
    await stop();
    throw error;
  }
  return { pid: child.pid ?? 0, stop, log: () => log };
}

/** Debian's Chromium, headless, with the flags this closed network needs (never a downloaded browser). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export interface DemoInChromium {
  server: DemoServer;
  browser: Browser;
  /** A fresh context on the server, in zh-CN, signed in as nobody: the citizen of the walk. */
  citizen: BrowserContext;
  /** Closes the browser (and every context of it), then stops the server. */
  stop(): Promise<void>;
}

export interface DemoInChromiumOptions {
  server?: DemoServerOptions;
  /** More options for the citizen's context (acceptDownloads, viewport…). */
  citizen?: BrowserContextOptions;
}

/** What every browser test starts with: a demo server, Debian's Chromium and a citizen's context. */
export async function startDemoInChromium(options: DemoInChromiumOptions = {}): Promise<DemoInChromium> {
  const server = await startDemoServer(options.server);
  let browser: Browser | undefined;
  try {
    browser = await launchChromium();
    const citizen = await browser.newContext({
      baseURL: server.baseUrl,
      locale: 'zh-CN',
      ...options.citizen,
    });
    const launched = browser;
    const stop = async () => {
      await launched.close();
      await server.stop();
    };
    return { server, browser, citizen, stop };
  } catch (error) {
    await browser?.close();
    await server.stop();
    throw error;
  }
}

/** Signs a demo account into the back office in a fresh context: password, then TOTP enrolment. */
export async function signInDemo(browser: Browser, baseUrl: string, username: string, password: string) {
  const { authenticator } = await import('otplib');
  const context = await browser.newContext({ baseURL: baseUrl, locale: 'zh-CN' });
  const page = await context.newPage();
  await page.goto('/admin/login');
  await page.fill('input[name="username"]', username);
  await page.fill('input[name="password"]', password);
  await page.getByRole('button', { name: '下一步' }).click();
  await page.waitForURL('**/admin/2fa/enroll');
  const secret = (await page.locator('code.secret').textContent())?.replace(/\s/g, '') ?? '';
  await page.fill('input[name="code"]', authenticator.generate(secret));
  await page.getByRole('button', { name: '完成绑定' }).click();
  await page.getByRole('link', { name: '进入工作台' }).click();
  return { context, page };
}

/** Collects the console errors and page errors of watched pages; `expected` lists errors a test causes. */
export function pageProblems(expected: RegExp[] = []) {
  const problems: string[] = [];
  const watch = (page: Page) => {
    page.on('console', (m) => {
      if (m.type() === 'error' && !expected.some((e) => e.test(m.text())))
        problems.push(`${page.url()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`${page.url()}: ${e.message}`));
  };
  return { problems, watch };
}
