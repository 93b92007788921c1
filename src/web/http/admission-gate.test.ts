import { request as httpRequest } from 'node:http';
import { Readable } from 'node:stream';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/config';
import { POSTGRES_POOL_SIZE } from '../../db/client';
import {
  type AdmissionGate,
  createAdmissionGate,
  maxInFlightFor,
  registerAdmissionGate,
} from './admission-gate';

describe('maxInFlightFor (the cap: configured, else from the database pool)', () => {
  const pg = 'postgres://127.0.0.1/x';
  it.each([
    [undefined, pg, 2 * POSTGRES_POOL_SIZE],
    [undefined, undefined, 64],
    [5, pg, 5],
    [5, undefined, 5],
    [0, pg, 0],
  ])('GONGKAI_SHED_MAX_IN_FLIGHT=%s on %s → %d', (shedMaxInFlight, databaseUrl, expected) => {
    expect(maxInFlightFor({ shedMaxInFlight, databaseUrl })).toBe(expected);
  });

  it('reads GONGKAI_SHED_MAX_IN_FLIGHT from the environment, and refuses a negative one', () => {
    const base = { NODE_ENV: 'test' as const, DATABASE_URL: pg };
    expect(maxInFlightFor(loadConfig(base))).toBe(2 * POSTGRES_POOL_SIZE);
    expect(maxInFlightFor(loadConfig({ ...base, GONGKAI_SHED_MAX_IN_FLIGHT: '7' }))).toBe(7);
    expect(() => loadConfig({ ...base, GONGKAI_SHED_MAX_IN_FLIGHT: '-1' })).toThrow(
      /GONGKAI_SHED_MAX_IN_FLIGHT/,
    );
  });
});

describe('createAdmissionGate (one counter, a short line, the back office let in further)', () => {
  it('lets public reads in up to the cap and refuses the next at once when it may not wait', () => {
    const gate = createAdmissionGate(2, 0);
    expect(gate.enter('page').admitted).toBe(true);
    expect(gate.enter('search').admitted).toBe(true);
    expect(gate.enter('page').admitted).toBe(false);
    expect(gate.enter('search').admitted).toBe(false);
    expect(gate.inFlight()).toBe(2);
    gate.release();
    expect(gate.enter('search').admitted).toBe(true);
    expect(gate.inFlight()).toBe(2);
  });

  it('lets the back office in up to four times the cap, past the point where public reads are refused', () => {
    const gate = createAdmissionGate(2, 0);
    for (let i = 0; i < 8; i++) expect(gate.enter('back-office').admitted).toBe(true);
    expect(gate.enter('back-office').admitted).toBe(false);
    expect(gate.enter('page').admitted).toBe(false);
    expect(gate.inFlight()).toBe(8);
  });

  it('hands a freed place to the first in line, and refuses whoever waited too long', async () => {
    const gate = createAdmissionGate(1, 40);
    expect(gate.enter('page').admitted).toBe(true);
    const first = gate.enter('page');
    const second = gate.enter('search');
    expect(gate.waiting()).toBe(2);
    gate.release();
    expect(await first.admitted).toBe(true);
    expect(gate.inFlight()).toBe(1);
    expect(await second.admitted).toBe(false); // 40 ms passed with no place free
    expect(gate.waiting()).toBe(0);
    expect(gate.inFlight()).toBe(1);
  });

  it('hands a freed place to the one in line, not to whoever comes next', async () => {
    const gate = createAdmissionGate(1, 1_000);
    gate.enter('page');
    const waiting = gate.enter('page');
    gate.release(); // the place goes to the one in line…
    expect(gate.inFlight()).toBe(1);
    expect(gate.enter('page').admitted).not.toBe(true); // …not to whoever comes next
    expect(await waiting.admitted).toBe(true);
  });

  it('takes a withdrawn request out of the line without counting it', async () => {
    const gate = createAdmissionGate(1, 1_000);
    gate.enter('page');
    const leaving = gate.enter('page');
    leaving.withdraw();
    expect(await leaving.admitted).toBe(false);
    expect(gate.waiting()).toBe(0);
    gate.release();
    expect(gate.inFlight()).toBe(0);
  });

  it('never counts below zero when released more often than entered', () => {
    const gate = createAdmissionGate(1, 0);
    gate.release();
    gate.release();
    expect(gate.enter('page').admitted).toBe(true);
    expect(gate.enter('page').admitted).toBe(false);
  });
});

// The gate on a real Fastify server over real sockets: however a request ends — answered, failed,
// aborted by its client while at work or while in line, or cut by the server's connection timeout —
// its place is given back exactly once.
/** A body far larger than the socket buffers, made as it is read. */
function* megabytes(n: number) {
  for (let i = 0; i < n; i++) yield Buffer.alloc(1_048_576, 120);
}

describe('registerAdmissionGate on a listening server', () => {
  const WAIT_MS = 60;
  let app: FastifyInstance;
  let gate: AdmissionGate;
  let base = '';
  const held: Array<() => void> = [];
  let handled = 0;

  async function start(options: { connectionTimeout?: number; waitMs?: number } = {}) {
    handled = 0;
    app = Fastify({ logger: false, connectionTimeout: options.connectionTimeout ?? 0 });
    gate = registerAdmissionGate(app, 1, options.waitMs ?? WAIT_MS);
    app.get('/hold', async () => {
      await new Promise<void>((resume) => held.push(resume));
      handled++;
      return 'held';
    });
    app.get('/boom', async () => {
      throw new Error('boom');
    });
    app.get('/page', async () => 'page');
    app.get('/download', async (_request, reply) => reply.send(Readable.from(megabytes(16))));
    app.get('/api/v1/items', async () => ({ items: [] }));
    app.get('/admin/queue', async () => 'back office');
    app.get('/healthz', async () => 'ok');
    app.post('/form', async () => 'stored');
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  }

  const resumeHeld = () => {
    for (const resume of held.splice(0)) resume();
  };

  afterEach(async () => {
    resumeHeld();
    await app.close();
  });

  const until = async (condition: () => boolean) => {
    for (let i = 0; i < 500 && !condition(); i++) await new Promise((r) => setTimeout(r, 10));
    expect(condition()).toBe(true);
  };
  /** A GET whose socket the test can cut; resolves with the status, or 'cut'. */
  const open = (path: string) => {
    const req = httpRequest(`${base}${path}`, { agent: false });
    const status = new Promise<number | 'cut'>((resolve) => {
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', () => resolve('cut'));
    });
    req.end();
    return { cut: () => req.destroy(), status };
  };
  /** Holds the one place with a request parked in its handler. */
  const holdThePlace = async () => {
    const holder = open('/hold');
    await until(() => held.length === 1);
    return holder;
  };

  it('refuses a page past the cap, after its short wait, with the 503 page and Retry-After', async () => {
    await start();
    const holder = await holdThePlace();
    const sent = performance.now();
    const res = await fetch(`${base}/page`);
    expect(performance.now() - sent).toBeGreaterThanOrEqual(WAIT_MS - 5);
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('3');
    expect(await res.text()).toContain('访问人数较多，请稍后再试');
    const api = await fetch(`${base}/api/v1/items`);
    expect(api.status).toBe(503);
    expect(api.headers.get('retry-after')).toBe('3');
    expect(await api.json()).toMatchObject({ error: { code: 'unavailable' } });
    resumeHeld();
    expect(await holder.status).toBe(200);
    expect((await fetch(`${base}/page`)).status).toBe(200);
  });

  it('lets a page in that waits while a place frees up', async () => {
    await start();
    await holdThePlace();
    const waiting = fetch(`${base}/page`);
    await until(() => gate.waiting() === 1);
    resumeHeld();
    expect((await waiting).status).toBe(200);
  });

  it('never refuses a form post or the health check, and lets the back office in above the cap', async () => {
    await start();
    await holdThePlace();
    expect((await fetch(`${base}/form`, { method: 'POST' })).status).toBe(200);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect((await fetch(`${base}/admin/queue`)).status).toBe(200);
    expect(gate.inFlight()).toBe(1);
  });

  it('gives the place back once the answer is ready, not when a slow client has read it all', async () => {
    await start();
    const req = httpRequest(`${base}/download`, { agent: false });
    const started = new Promise<void>((resolve) => req.on('response', () => resolve()));
    req.on('response', (res) => res.pause()); // a client that reads nothing more
    req.on('error', () => {});
    req.end();
    await started;
    await until(() => gate.inFlight() === 0);
    expect((await fetch(`${base}/page`)).status).toBe(200);
    req.destroy();
  });

  it('gives the place back when the handler fails', async () => {
    await start();
    expect((await fetch(`${base}/boom`)).status).toBe(500);
    expect(gate.inFlight()).toBe(0);
  });

  it('gives the place back once when the client aborts, though the handler finishes later', async () => {
    await start();
    const holder = await holdThePlace();
    holder.cut();
    expect(await holder.status).toBe('cut');
    await until(() => gate.inFlight() === 0);
    resumeHeld(); // the handler ends and its answer goes nowhere
    await until(() => handled === 1);
    await new Promise((r) => setTimeout(r, 20));
    expect(gate.inFlight()).toBe(0);
    await holdThePlace(); // exactly one place again: not two from a release counted twice
    expect((await fetch(`${base}/page`)).status).toBe(503);
  });

  it('takes a client that leaves while in line out of it at once, its place never counted', async () => {
    await start({ waitMs: 30_000 }); // it would otherwise stand in line far longer than until() waits
    await holdThePlace();
    const leaving = open('/page');
    await until(() => gate.waiting() === 1);
    leaving.cut();
    await until(() => gate.waiting() === 0);
    expect(gate.inFlight()).toBe(1); // the holder's place only
    resumeHeld();
    await until(() => gate.inFlight() === 0);
    await holdThePlace();
    expect(gate.inFlight()).toBe(1);
  });

  it('gives the place back when the server times the connection out', async () => {
    await start({ connectionTimeout: 150 });
    const holder = await holdThePlace();
    expect(await holder.status).toBe('cut');
    await until(() => gate.inFlight() === 0);
    expect((await fetch(`${base}/page`)).status).toBe(200);
  });
});
