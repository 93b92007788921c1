import type { FastifyInstance } from 'fastify';
import type { Config } from '../../config/config';
import { POSTGRES_POOL_SIZE } from '../../db/client';
import { classifyRequest, type ShedClass, sendServerBusy } from './load-shedding';

// Admission by concurrency (security.md T1 "4× overload": served p99 ≤ 2 s, every request served or
// 503 + Retry-After). On PostgreSQL a request waits for one of the pool's connections — once for each of
// its queries — while the event loop idles, so the shedding by pressure (load-shedding.ts) saw the queue
// late and the served p99 reached 1.1–2.5 s (BENCHMARKS.md "Load shedding by class and share"). The gate
// caps the reads in flight at a small multiple of the pool; the rest wait their turn in one line, first
// come first in, for at most MAX_WAIT_MS, and are then answered with the shedding's 503 page. Waiting is
// what keeps the useful work up: answered at once, a refused client of a closed loop (autocannon, a
// reloading browser, nginx trying the other instance) asks again at once, and at 4× overload the server
// spent its time on ~3,000 such 503s a second, serving a sixth of what it served before (bench/load
// --pg-overload). In line, a request costs nothing until it is let in. On SQLite a request runs from
// onRequest to its answer without yielding, but those past a turn's budget wait for a later turn
// (loop-turns.ts), so in flight there is the turn line's length and the cap bounds it.

/** Reads in flight per pooled connection: one at the database, one rendering or on its way to it. */
const IN_FLIGHT_PER_CONNECTION = 2;
/** SQLite has no pool to size from: requests overlap only while they wait in the turn line. */
const SQLITE_MAX_IN_FLIGHT = 64;
/** The back office is refused only at this multiple of the cap (staff at work; shed last, as by pressure). */
const BACK_OFFICE_FACTOR = 4;
/** The longest wait in line: half of T1's 2 s served p99, the other half left for the work itself. */
const MAX_WAIT_MS = 1_000;

/** The cap on reads in flight: the configured one, else derived from the database's pool; 0 = none. */
export function maxInFlightFor(config: Pick<Config, 'shedMaxInFlight' | 'databaseUrl'>): number {
  if (config.shedMaxInFlight !== undefined) return config.shedMaxInFlight;
  return config.databaseUrl ? IN_FLIGHT_PER_CONNECTION * POSTGRES_POOL_SIZE : SQLITE_MAX_IN_FLIGHT;
}

/** A request's turn at the gate: whether it got in, and how to leave the queue if it stops waiting. */
export interface AdmissionTicket {
  admitted: boolean | Promise<boolean>;
  /** Stops waiting (the client left): admitted then resolves false. */
  withdraw(): void;
}

/** The classes the gate counts: everything but what is never refused (form posts, /healthz, static). */
export type GatedClass = Exclude<ShedClass, 'never'>;

export interface AdmissionGate {
  /** Lets a request in, now, after a wait or not; each admitted request must release() once. */
  enter(shedClass: GatedClass): AdmissionTicket;
  release(): void;
  /** Requests let in and not yet released. */
  inFlight(): number;
  /** Requests waiting for a place. */
  waiting(): number;
}

interface Waiter {
  settle(admitted: boolean): void;
  timer: NodeJS.Timeout;
}

const noWithdraw = () => {};
const refused: AdmissionTicket = { admitted: false, withdraw: noWithdraw };

/**
 * One counter for search, pages and the back office: whoever is in flight holds a connection's turn.
 * Public reads past the cap wait in line (first come, first in) for up to `maxWaitMs`, then are refused;
 * the back office never waits: it is let in up to its higher cap, refused past it.
 */
export function createAdmissionGate(maxInFlight: number, maxWaitMs = MAX_WAIT_MS): AdmissionGate {
  let inFlight = 0;
  const line: Waiter[] = [];
  const leaveLine = (waiter: Waiter, admitted: boolean) => {
    const at = line.indexOf(waiter);
    if (at < 0) return;
    line.splice(at, 1);
    clearTimeout(waiter.timer);
    waiter.settle(admitted);
  };
  const wait = (): AdmissionTicket => {
    let waiter: Waiter | undefined;
    const admitted = new Promise<boolean>((settle) => {
      waiter = { settle, timer: setTimeout(() => waiter && leaveLine(waiter, false), maxWaitMs) };
      line.push(waiter);
    });
    return { admitted, withdraw: () => waiter && leaveLine(waiter, false) };
  };
  const take = (): AdmissionTicket => {
    inFlight++;
    return { admitted: true, withdraw: noWithdraw };
  };
  return {
    enter: (shedClass) => {
      if (shedClass === 'back-office') return inFlight < BACK_OFFICE_FACTOR * maxInFlight ? take() : refused;
      if (inFlight < maxInFlight) return take(); // a place frees for the first in line at once (release)
      return maxWaitMs > 0 ? wait() : refused;
    },
    release: () => {
      inFlight = Math.max(0, inFlight - 1);
      const next = line[0];
      if (next && inFlight < maxInFlight) {
        inFlight++;
        leaveLine(next, true);
      }
    },
    inFlight: () => inFlight,
    waiting: () => line.length,
  };
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Gives this request's place in the admission gate back (once); null when it holds none. */
    admissionRelease: (() => void) | null;
  }
}

/**
 * Caps the reads in flight at `maxInFlight` (> 0) in front of every route. A request holds its place
 * from onRequest until its answer is ready (onSend: the database work is done, a slow client's download
 * does not hold it), or until its connection closes first — aborted by the client, or timed out — so
 * the count cannot leak whichever way a request ends. Register it before registerLoadShedding, whose
 * 503s then release their places as every answer does.
 */
export function registerAdmissionGate(
  app: FastifyInstance,
  maxInFlight: number,
  maxWaitMs = MAX_WAIT_MS,
): AdmissionGate {
  const gate = createAdmissionGate(maxInFlight, maxWaitMs);
  app.decorateRequest('admissionRelease', null);
  app.addHook('onRequest', async (request, reply) => {
    const shedClass = classifyRequest(request.method, request.url);
    if (shedClass === 'never') return;
    const ticket = gate.enter(shedClass);
    const place: { state: 'waiting' | 'held' | 'gone' } = { state: 'waiting' };
    const release = () => {
      if (place.state !== 'held') return;
      place.state = 'gone';
      request.admissionRelease = null;
      reply.raw.off('close', onClose);
      gate.release();
    };
    const onClose = () => {
      if (place.state === 'waiting') ticket.withdraw();
      release();
      place.state = 'gone';
    };
    reply.raw.once('close', onClose);
    const admitted = await ticket.admitted;
    if (!admitted || place.state === 'gone') {
      if (admitted) gate.release(); // let in just as its client left
      reply.raw.off('close', onClose);
      return sendServerBusy(request, reply);
    }
    place.state = 'held';
    request.admissionRelease = release;
  });
  app.addHook('onSend', (request, _reply, payload, done) => {
    request.admissionRelease?.();
    done(null, payload);
  });
  return gate;
}
