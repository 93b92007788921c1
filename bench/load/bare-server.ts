import { readFileSync } from 'node:fs';
import Fastify from 'fastify';

// The floor for the load bench: a bare Fastify route answering the same bytes as the page under test,
// with no database, templates or hooks. Usage: tsx bench/load/bare-server.ts FILE PORT

const [file, port] = process.argv.slice(2);
if (!file || !port) throw new Error('usage: bare-server.ts FILE PORT');
const body = readFileSync(file);
const app = Fastify({ logger: false });
app.get('/page', (_request, reply) => {
  reply.header('content-type', 'text/html; charset=utf-8').send(body);
});
await app.listen({ port: Number(port), host: '127.0.0.1' });
process.stdout.write('ready\n');
