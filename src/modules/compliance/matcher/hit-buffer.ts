// Raw hits as (entry, start, end) triples in one growable Int32Array: the scanners allocate no
// object per hit, and results are materialised once, sorted, at the end.

export class HitBuffer {
  data = new Int32Array(3 * 256);
  count = 0;

  /** Records entry's hit over original offsets [start, end). */
  push(entry: number, start: number, end: number): void {
    const at = 3 * this.count;
    if (at + 3 > this.data.length) {
      const bigger = new Int32Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[at] = entry;
    this.data[at + 1] = start;
    this.data[at + 2] = end;
    this.count++;
  }

  /** Moves the end of hits [from, count) — the fold scan extends a run after reporting it. */
  extendEnds(from: number, end: number): void {
    for (let h = from; h < this.count; h++) this.data[3 * h + 2] = end;
  }

  /** Hit indices ordered by start, then end, then entry (dictionary order). */
  sortedOrder(): Int32Array {
    const d = this.data;
    return Int32Array.from({ length: this.count }, (_, h) => h).sort(
      (a, b) => d[3 * a + 1]! - d[3 * b + 1]! || d[3 * a + 2]! - d[3 * b + 2]! || d[3 * a]! - d[3 * b]!,
    );
  }
}
