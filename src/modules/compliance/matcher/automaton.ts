// Aho–Corasick over a double array (Aoe 1989; Darts layout): state s has a transition on symbol
// c iff check[base[s] + c] === s, so a step is two typed-array loads and a compare. Symbols are
// dense ids (1…alphabetSize-1) given by the compiled dictionary's symbol table; 0 means "in no
// term" and never has a transition. fail[] holds the failure links; outOff/outList hold, for
// every state, the entries of its own key AND of every key that is a proper suffix of it (the
// dictionary-suffix closure), so a term ending inside a longer one is always reported —
// compliance.md §3.5 item 2, the bug mint-filter has.

export interface Automaton {
  base: Int32Array;
  check: Int32Array;
  fail: Int32Array;
  /** Entries reported in state s are outList[outOff[s] … outOff[s + 1]). */
  outOff: Int32Array;
  outList: Int32Array;
}

function compareKeys(a: Uint16Array, b: Uint16Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return (a[i] as number) - (b[i] as number);
  return a.length - b.length;
}

// Free slots form a doubly linked list, so placing a node visits only empty slots: a node with
// one child (most of them) takes the first free slot at once, and the holes left by wide nodes
// are filled by later ones. A node that fits none of the first MAX_TRIES holes goes past the
// end. Plain first-fit over all slots was quadratic (11 s for 50,000 terms).
const MAX_TRIES = 64;
class DoubleArrayBuilder {
  base = new Int32Array(0);
  check = new Int32Array(0);
  private next = new Int32Array(0);
  private prev = new Int32Array(0);
  private head = -1;
  private tail = -1;
  size = 1;

  constructor(private readonly alphabetSize: number) {
    this.grow(1024);
    this.claim(0); // the root owns slot 0
    this.check[0] = 0;
  }

  private grow(min: number): void {
    const old = this.base.length;
    if (min < old) return;
    let length = Math.max(old, 1024);
    while (length <= min) length *= 2;
    const widen = (from: Int32Array, fill: number) => {
      const to = new Int32Array(length).fill(fill);
      to.set(from);
      return to;
    };
    this.base = widen(this.base, 0);
    this.check = widen(this.check, -1);
    this.next = widen(this.next, -1);
    this.prev = widen(this.prev, -1);
    for (let slot = old; slot < length; slot++) {
      this.prev[slot] = this.tail;
      if (this.tail >= 0) this.next[this.tail] = slot;
      else this.head = slot;
      this.tail = slot;
    }
  }

  private claim(slot: number): void {
    const before = this.prev[slot] as number;
    const after = this.next[slot] as number;
    if (before >= 0) this.next[before] = after;
    else this.head = after;
    if (after >= 0) this.prev[after] = before;
    else this.tail = before;
    if (this.head < 0) this.grow(this.base.length);
  }

  /** Finds a base where every child slot is free, claims the slots and returns the base. */
  place(parent: number, children: readonly number[], count: number): number {
    const symbols = children.slice(0, count);
    const first = symbols[0] as number;
    let tries = 0;
    for (let slot = this.head; tries < MAX_TRIES; slot = this.next[slot] as number, tries++) {
      const base = slot - first;
      if (base >= 1 && this.fits(base, symbols)) return this.claimChildren(parent, base, symbols);
      if (this.next[slot] === -1) this.grow(this.base.length);
    }
    // Every slot from `size` on is free: a wide node that fits no hole goes past the end.
    return this.claimChildren(parent, Math.max(1, this.size - first), symbols);
  }

  private fits(base: number, symbols: readonly number[]): boolean {
    this.grow(base + this.alphabetSize);
    for (const c of symbols) if ((this.check[base + c] as number) >= 0) return false;
    return true;
  }

  private claimChildren(parent: number, base: number, symbols: readonly number[]): number {
    this.grow(base + this.alphabetSize);
    for (const c of symbols) {
      this.claim(base + c);
      this.check[base + c] = parent;
    }
    this.base[parent] = base;
    this.size = Math.max(this.size, base + (symbols[symbols.length - 1] as number) + 1);
    return base;
  }
}

// Distinct symbols at `depth` among sorted keys [lo, hi), written into `out`; returns the count.
function childSymbols(
  keys: readonly Uint16Array[],
  order: Int32Array,
  lo: number,
  hi: number,
  depth: number,
  out: number[],
) {
  let count = 0;
  for (let j = lo; j < hi; j++) {
    const key = keys[order[j] as number] as Uint16Array;
    const c = key[depth] as number;
    if (count === 0 || out[count - 1] !== c) out[count++] = c;
  }
  return count;
}

// Places every trie node breadth-first from the sorted keys (the queue is four flat arrays, so
// 50,000 terms allocate no object per node); returns the BFS order of states.
function placeNodes(
  keys: readonly Uint16Array[],
  builder: DoubleArrayBuilder,
  terminal: Map<number, number>,
) {
  const order = Int32Array.from(keys.keys()).sort((a, b) => compareKeys(keys[a]!, keys[b]!));
  const nodes = keys.reduce((sum, key) => sum + key.length, 1);
  const [state, from, to, level] = [0, 1, 2, 3].map(() => new Int32Array(nodes));
  to![0] = keys.length;
  let tail = 1;
  const children: number[] = [];
  for (let q = 0; q < tail; q++) {
    const depth = level![q] as number;
    const hi = to![q] as number;
    let lo = from![q] as number;
    if (lo < hi && keys[order[lo] as number]!.length === depth)
      terminal.set(state![q] as number, order[lo++] as number);
    const count = childSymbols(keys, order, lo, hi, depth, children);
    if (count === 0) continue;
    const base = builder.place(state![q] as number, children, count);
    for (let k = 0; k < count; k++) {
      const c = children[k] as number;
      const start = lo;
      while (lo < hi && keys[order[lo] as number]![depth] === c) lo++;
      state![tail] = base + c;
      from![tail] = start;
      to![tail] = lo;
      level![tail++] = depth + 1;
    }
  }
  return state!.subarray(0, tail);
}

function linkFailures(bfs: Int32Array, base: Int32Array, check: Int32Array, fail: Int32Array): void {
  for (const t of bfs) {
    const parent = check[t] as number;
    if (t === 0 || parent === 0) continue;
    const c = t - (base[parent] as number);
    let f = fail[parent] as number;
    for (;;) {
      const next = (base[f] as number) + c;
      if (check[next] === f) {
        fail[t] = next;
        break;
      }
      if (f === 0) break;
      f = fail[f] as number;
    }
  }
}

function collectOutputs(
  bfs: Int32Array,
  fail: Int32Array,
  own: Map<number, readonly number[]>,
  size: number,
) {
  const count = new Int32Array(size);
  for (const t of bfs)
    if (t !== 0) count[t] = (own.get(t)?.length ?? 0) + (count[fail[t] as number] as number);
  const outOff = new Int32Array(size + 1);
  for (let s = 0; s < size; s++) outOff[s + 1] = (outOff[s] as number) + (count[s] as number);
  const outList = new Int32Array(outOff[size] as number);
  for (const t of bfs) {
    if (t === 0 || count[t] === 0) continue;
    let at = outOff[t] as number;
    for (const entry of own.get(t) ?? []) outList[at++] = entry;
    const f = fail[t] as number;
    outList.copyWithin(at, outOff[f] as number, outOff[f + 1] as number);
  }
  return { outOff, outList };
}

/** Builds the automaton for keys (symbol sequences, distinct) reporting keyEntries[k] for key k. */
export function buildAutomaton(
  keys: readonly Uint16Array[],
  keyEntries: readonly (readonly number[])[],
  alphabetSize: number,
): Automaton {
  const builder = new DoubleArrayBuilder(alphabetSize);
  const terminal = new Map<number, number>();
  const bfs = placeNodes(keys, builder, terminal);
  // Padding so base[s] + c stays inside the arrays for every state and symbol: no bounds checks.
  const size = builder.size + alphabetSize + 1;
  const base = new Int32Array(size);
  base.set(builder.base.subarray(0, size));
  const check = new Int32Array(size).fill(-1);
  check.set(builder.check.subarray(0, size));
  const fail = new Int32Array(size);
  linkFailures(bfs, base, check, fail);
  const own = new Map<number, readonly number[]>();
  for (const [state, key] of terminal) own.set(state, keyEntries[key] ?? []);
  return { base, check, fail, ...collectOutputs(bfs, fail, own, size) };
}
