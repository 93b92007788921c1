import { connect } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestApp, type TestApp } from './helpers/test-context';

// Abuse at the socket, where app.inject cannot reach (security.md T6): a request carrying both
// Transfer-Encoding and Content-Length (request smuggling) and a client that never finishes its
// headers (slowloris). The HTTP layer is the same on both databases, so this runs once.

/** Writes raw bytes to the server and collects what comes back until the server closes the socket. */
function exchange(port: number, write: (send: (s: string) => void) => void, limitMs: number) {
  return new Promise<{ answer: string; closedAfterMs: number }>((resolve, reject) => {
    const started = Date.now();
    let answer = '';
    const socket = connect(port, '127.0.0.1', () => write((s) => socket.write(s)));
    socket.on('data', (d) => {
      answer += d.toString('latin1');
    });
    socket.on('error', reject);
    socket.on('close', () => resolve({ answer, closedAfterMs: Date.now() - started }));
    setTimeout(() => {
      socket.destroy();
      reject(new Error(`the server kept the socket open for ${limitMs} ms`));
    }, limitMs).unref();
  });
}

describe('abuse at the socket', () => {
  let test: TestApp;
  let app: FastifyInstance;
  let port: number;
  beforeAll(async () => {
    test = await openTestApp('sqlite');
    app = test.app;
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    port = typeof address === 'object' && address ? address.port : 0;
  });
  afterAll(() => test.close());

  it('refuses a request with both Transfer-Encoding and Content-Length, and closes the connection', async () => {
    const rowsBefore = await test.ctx.db.selectFrom('applications').select('id').execute();
    const { answer } = await exchange(
      port,
      (send) =>
        send(
          'POST /apply/jxj HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n' +
            'Content-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET /admin HTTP/1.1\r\nHost: x\r\n\r\n',
        ),
      10_000,
    );
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    expect(answer).toMatch(/\r\nConnection: close\r\n/i);
    expect(answer.match(/HTTP\/1\.1 /g)).toHaveLength(1); // the smuggled second request is never answered
    expect(await test.ctx.db.selectFrom('applications').select('id').execute()).toEqual(rowsBefore);
  });

  // A keep-alive client reuses a connection unless the answer says Connection: close; without it, the
  // request it sent next went into the closing socket and got no answer (the fuzz storm, test/fuzz-server-storm).
  it('answers a request head over 16 KB with 431 and Connection: close, then closes the connection', async () => {
    const { answer } = await exchange(
      port,
      (send) => send(`GET /search?q=${'a'.repeat(20_000)} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`),
      10_000,
    );
    expect(answer).toMatch(/^HTTP\/1\.1 431 /);
    expect(answer).toMatch(/\r\nConnection: close\r\n/i);
    const [head, body] = answer.split('\r\n\r\n') as [string, string];
    expect(Number(/Content-Length: (\d+)/i.exec(head)?.[1])).toBe(Buffer.byteLength(body, 'latin1'));
    expect(JSON.parse(Buffer.from(body, 'latin1').toString('utf8'))).toEqual({
      error: { code: 'bad_request', message: '请求头过大' },
    });
  });

  it('answers 408 and closes a connection whose headers are not finished within 20 seconds', async () => {
    const { answer, closedAfterMs } = await exchange(
      port,
      (send) => {
        send('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n');
        // one more header line every 5 s, never the blank line that ends them
        const drip = setInterval(() => send('X-Slow: 1\r\n'), 5_000);
        drip.unref();
      },
      40_000,
    );
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    expect(answer).toMatch(/\r\nConnection: close\r\n/i);
    expect(closedAfterMs).toBeGreaterThanOrEqual(19_000);
    expect(closedAfterMs).toBeLessThan(30_000);
  }, 45_000);
});
