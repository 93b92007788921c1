import type { FastifyServerOptions } from 'fastify';

// pino through Fastify: JSON lines with request ids; cookies, authorisation headers and Set-Cookie are
// never written (ASVS 16.2.5). Request bodies are not logged at all, so passwords never reach a log.
const redact = ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'];

/** Logger options for the server; `stream` lets tests read what would be written. */
export function loggerOptions(level: string, stream?: NodeJS.WritableStream): FastifyServerOptions['logger'] {
  return stream ? { level, redact, stream } : { level, redact };
}
