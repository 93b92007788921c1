import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../src/app/demo-data';
import { duties } from '../src/app/duties';
import { type DemoServer, startDemoServer, startWorker, type WorkerProcess } from './helpers/demo-server';
import { type HttpSession, signInOverHttp } from './helpers/http-session';
import { createPostgresDatabase, testDatabases } from './helpers/test-context';

// Two server processes and one worker on one PostgreSQL (issue 8, "Several instances"): a login on one
// is valid on the other, a view counted on either is counted once, a scheduled duty runs once although
// all three schedule it, and a document published through one is visible and searchable through the other at
// once — as is its withdrawal, despite the rendered-page cache.

const BROWSER = { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Chrome/126 Safari/537.36' };
const KEYS = {
  GONGKAI_AUDIT_KEY: 'multi-instance-audit-key-0123456789abcdef',
  GONGKAI_SECRET_KEY: 'multi-instance-secret-key-0123456789abcdef',
};

describe.each(testDatabases().filter((k) => k === 'postgres'))('two instances on one %s', () => {
  let database: Awaited<ReturnType<typeof createPostgresDatabase>>;
  let a: DemoServer;
  let b: DemoServer;
  let worker: WorkerProcess;
  let claimedFirst: { name: string; instance: string }[] = [];
  let sql: pg.Client;
  const secrets = new Map<string, string>();
  const count = async (query: string, params: unknown[] = []) =>
    Number((await sql.query(query, params)).rows[0]?.n ?? Number.NaN);

  beforeAll(async () => {
    database = await createPostgresDatabase();
    const env = { ...KEYS, DATABASE_URL: database.url };
    worker = await startWorker(env); // migrates, ticks every duty at once: it claims the current slots
    sql = new pg.Client({ connectionString: database.url });
    await sql.connect();
    for (
      let i = 0;
      i < 200 && (await count('SELECT count(DISTINCT name) AS n FROM duty_runs')) < duties.length;
      i++
    )
      await new Promise((r) => setTimeout(r, 100));
    claimedFirst = (await sql.query('SELECT name, instance FROM duty_runs')).rows;
    a = await startDemoServer({ env }); // loads the demo content, ticks every duty too
    b = await startDemoServer({ env }); // finds it loaded, ticks every duty too
  }, 120_000);

  afterAll(async () => {
    await sql?.end();
    await a?.stop();
    await b?.stop();
    await worker?.stop();
    await database?.drop();
  });

  it('runs a scheduled duty once although both instances and the worker schedule it', async () => {
    // All three tick every duty at start; the nightly inspection must exist once for today's slot, run
    // by the worker, which ticked first.
    for (
      let i = 0;
      i < 100 && (await count('SELECT count(*) AS n FROM inspections WHERE finished_at IS NOT NULL')) < 1;
      i++
    )
      await new Promise((r) => setTimeout(r, 200));
    expect(await count('SELECT count(*) AS n FROM inspections')).toBe(1);
    const runs = await sql.query("SELECT instance FROM duty_runs WHERE name = 'inspection'");
    expect(runs.rows.length).toBe(1);
    expect(claimedFirst.map((r) => r.name).sort()).toEqual(duties.map((d) => d.name).sort());
    for (const run of claimedFirst) expect(run.instance, run.name).toContain(`:${worker.pid}:`);
    expect(runs.rows[0].instance).toContain(`:${worker.pid}:`);
  });

  it('accepts on one instance a login made on the other', async () => {
    const onA = await signInOverHttp(a.baseUrl, 'czj.editor', DEMO_PASSWORD, secrets);
    expect((await onA.get('/admin/items')).status).toBe(200);
    const onB = onA.moveTo(b.baseUrl);
    const page = await onB.get('/admin/items');
    expect(page.status).toBe(200);
    expect(page.html).toContain('信息管理');
    await onB.post('/admin/logout', {}); // and a logout on B ends it on A
    expect((await onA.get('/admin/items')).status).toBe(303);
  });

  it('counts a view on either instance once', async () => {
    const home = await (await fetch(`${a.baseUrl}/agencies/jxj`)).text();
    const itemPath = /\/items\/[\w-]+/.exec(home)?.[0] ?? '';
    const id = itemPath.split('/')[2];
    const stored = () => count('SELECT view_count AS n FROM items WHERE id = $1', [id]);
    const before = await stored();
    await fetch(`${a.baseUrl}${itemPath}`, { headers: BROWSER });
    await fetch(`${b.baseUrl}${itemPath}`, { headers: BROWSER });
    await fetch(`${b.baseUrl}${itemPath}`, { headers: BROWSER });
    for (let i = 0; i < 50 && (await stored()) < before + 3; i++)
      await new Promise((r) => setTimeout(r, 100));
    await new Promise((r) => setTimeout(r, 1500)); // a second save must not add them again
    expect(await stored()).toBe(before + 3);
  });

  it('shows a document published through one instance on the other at once, and its withdrawal', async () => {
    const title = `多实例发布测试通知${Date.now()}`;
    const editor = await signInOverHttp(a.baseUrl, 'jxj.editor', DEMO_PASSWORD, secrets);
    const form = await editor.get('/admin/items/new');
    const columnId =
      /name="columnId"[\s\S]*?<option value="([^"]+)"[^>]*>[^<]*动态/.exec(form.html)?.[1] ?? '';
    expect(columnId).not.toBe('');
    const created = await editor.post('/admin/items', {
      columnId,
      title,
      bodyHtml: '<p>为做好多实例部署验证工作，现将有关事项通知如下。</p>',
      visibility: 'public',
      disclosure: 'proactive',
    });
    expect(created.status).toBe(303);
    const itemPath = (created.location ?? '').replace('/admin', '');
    await editor.get(`/admin${itemPath}`);
    expect((await editor.post(`/admin${itemPath}/submit`, {})).status).toBe(303);
    const sessions = new Map<string, HttpSession>();
    for (const reviewer of ['jxj.chief', 'jxj.office', 'jxj.leader']) {
      const s = await signInOverHttp(a.baseUrl, reviewer, DEMO_PASSWORD, secrets);
      sessions.set(reviewer, s);
      await s.get(`/admin${itemPath}`);
      const step = await s.post(`/admin${itemPath}/review`, {
        decision: 'approve',
        opinion: '同意',
        secrecyChecked: '1',
      });
      expect(step.status, `${reviewer}: ${step.html.slice(0, 200)}`).toBe(303);
    }
    const onB = await fetch(`${b.baseUrl}${itemPath}`, { headers: BROWSER });
    expect(onB.status).toBe(200);
    expect(await onB.text()).toContain(title);
    const found = await (await fetch(`${b.baseUrl}/search?q=${encodeURIComponent('多实例部署验证')}`)).text();
    expect(found).toContain(itemPath);

    const leader = sessions.get('jxj.leader') as HttpSession; // a second sign-in within 30 s would replay the code
    await leader.get(`/admin${itemPath}`);
    const withdrawn = await leader.post(`/admin${itemPath}/withdraw`, { reason: '测试撤下' });
    expect(withdrawn.status).toBe(303);
    expect((await fetch(`${b.baseUrl}${itemPath}`, { headers: BROWSER })).status).toBe(410); // B had it cached
  });
});
