import type { FastifyInstance } from 'fastify';

// Bounded turns of the event loop (security.md T1, "Event loop: delay p99 ≤ 50 ms"). Node reads every
// socket that is ready in one poll phase, and on SQLite a request runs from onRequest to its answer
// without yielding (better-sqlite3 is synchronous), so at 50 connections one turn ran ~50 requests back
// to back: an event-loop delay p99 of 222–316 ms behind the review queue, 85–90 ms behind form posts
// (bench/load, BENCHMARKS.md), during which no timer fired and no other connection was read. Here a
// request that arrives once its turn has done TURN_BUDGET_MS of work waits in one line, first come first
// served; each later turn lets the line through until its budget is spent, so timers, the load
// shedding's clock and the other sockets get their turn in between. Nothing is refused: the line only
// moves work to later turns. On PostgreSQL a request yields at every query, and the line rarely forms.

/** Work a turn may do before later requests wait for the next: a fifth of T1's 50 ms. */
export const TURN_BUDGET_MS = 10;

export interface TurnLine {
  /** Undefined when the request may run in this turn; else a promise of its turn. */
  wait(): Promise<void> | undefined;
  /** A request's work is done: the next in line runs now if the turn has budget left. */
  done(): void;
  /** Requests waiting for a turn. */
  waiting(): number;
}

export function createTurnLine(budgetMs = TURN_BUDGET_MS, clock = () => performance.now()): TurnLine {
  const line: Array<() => void> = [];
  /** When the current turn's first request started; undefined between turns. */
  let turnStart: number | undefined;
  let pumping = false;
  // An immediate set while a turn polls its sockets runs at the end of that turn; one set from an
  // immediate runs at the end of the next turn, after its timers and its poll.
  const startTurn = (now: number) => {
    turnStart = now;
    setImmediate(endTurn);
  };
  const pump = () => {
    if (turnStart === undefined) startTurn(clock());
    line.shift()?.(); // at least one a turn; done() lets more through while the budget lasts
    if (line.length > 0) setImmediate(pump);
    else pumping = false;
  };
  const endTurn = () => {
    turnStart = undefined;
    if (line.length > 0 && !pumping) {
      pumping = true;
      setImmediate(pump);
    }
  };
  return {
    wait: () => {
      const now = clock();
      if (turnStart === undefined) startTurn(now);
      if (line.length === 0 && now - (turnStart as number) < budgetMs) return undefined;
      return new Promise<void>((resolve) => {
        line.push(resolve);
      });
    },
    done: () => {
      if (line.length > 0 && turnStart !== undefined && clock() - turnStart < budgetMs) line.shift()?.();
    },
    waiting: () => line.length,
  };
}

/**
 * Puts every request through the line, and lets the next through when a request's answer is ready.
 * Register after the load shedding and the admission gate: a request shed is answered at once, and the
 * wait in line counts as the standing queue they measure.
 */
export function registerTurnLine(app: FastifyInstance, budgetMs = TURN_BUDGET_MS): TurnLine {
  const turns = createTurnLine(budgetMs);
  app.addHook('onRequest', async () => {
    await turns.wait();
  });
  app.addHook('onSend', (_request, _reply, payload, done) => {
    turns.done();
    done(null, payload);
  });
  return turns;
}
