import { describe, expect, it } from 'vitest';
import { createTurnLine } from './loop-turns';

/** Counts turns of the event loop: one immediate per turn, each set from the last. */
function turnCounter(turns: number) {
  const counter = { turn: 0 };
  const tick = () => {
    counter.turn++;
    if (counter.turn < turns) setImmediate(tick);
  };
  setImmediate(tick);
  return counter;
}

/** A line whose turn has spent `spentMs` of its 10 ms budget, on a clock the test moves. */
function lineAfter(spentMs: number) {
  const clock = { now: 0 };
  const line = createTurnLine(10, () => clock.now);
  line.wait();
  clock.now = spentMs;
  return { line, clock };
}

describe('the turn line', () => {
  it('runs requests in their turn until the budget is spent, then one a turn, first come first served', async () => {
    let now = 0;
    const line = createTurnLine(10, () => now);
    expect(line.wait()).toBeUndefined();
    now = 9;
    expect(line.wait()).toBeUndefined();
    now = 11;
    const counter = turnCounter(20);
    const released: Array<[string, number]> = [];
    const queued = ['c', 'd', 'e'].map((name) =>
      line.wait()?.then(() => released.push([name, counter.turn])),
    );
    expect(queued.every((p) => p instanceof Promise)).toBe(true);
    expect(line.waiting()).toBe(3);
    await Promise.all(queued);
    expect(released.map(([name]) => name)).toEqual(['c', 'd', 'e']);
    const turns = released.map(([, turn]) => turn);
    expect(turns[1]).toBeGreaterThan(turns[0] as number);
    expect(turns[2]).toBeGreaterThan(turns[1] as number);
    expect(line.waiting()).toBe(0);
  });

  it('puts a request behind those waiting even when its own turn has budget left', async () => {
    const { line, clock } = lineAfter(20);
    const order: string[] = [];
    const first = line.wait()?.then(() => order.push('first'));
    await new Promise((resolve) => setImmediate(resolve)); // the turn ends: a fresh budget
    clock.now = 21;
    const second = line.wait()?.then(() => order.push('second'));
    expect(second).toBeInstanceOf(Promise);
    await Promise.all([first, second]);
    expect(order).toEqual(['first', 'second']);
    clock.now = 40;
    await new Promise((resolve) => setImmediate(resolve));
    expect(line.wait()).toBeUndefined(); // the line is empty again: the next request runs at once
  });

  it('lets the next in line through when a request is done, while the turn has budget left', async () => {
    const { line, clock } = lineAfter(11);
    const released: string[] = [];
    const waiting = ['b', 'c', 'd'].map((name) => line.wait()?.then(() => released.push(name)));
    await new Promise((resolve) => setImmediate(resolve)); // the turn ends
    await new Promise((resolve) => setImmediate(resolve)); // the next turn's pump lets b through
    expect(released).toEqual(['b']);
    clock.now = 12;
    line.done(); // b is done early in its turn: c runs in the same turn
    await Promise.resolve();
    expect(released).toEqual(['b', 'c']);
    clock.now = 30;
    line.done(); // c took the rest of the budget: d waits for a later turn
    await Promise.resolve();
    expect(released).toEqual(['b', 'c']);
    await Promise.all(waiting);
    expect(released).toEqual(['b', 'c', 'd']);
  });
});
