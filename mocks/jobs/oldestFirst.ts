/**
 * A binary min-heap of items by a number (a job's creation sequence), so that the oldest finished job
 * is found in O(log n) instead of by a scan over every job still running in front of it.
 */
export class OldestFirst<T> {
  private readonly items: T[] = [];

  constructor(private readonly rank: (item: T) => number) {}

  get size(): number {
    return this.items.length;
  }

  push(item: T): void {
    const { items, rank } = this;
    let i = items.push(item) - 1;
    const r = rank(item);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (rank(items[parent]!) <= r) break;
      items[i] = items[parent]!;
      i = parent;
    }
    items[i] = item;
  }

  /** Takes the item of the smallest rank, or undefined when empty. */
  pop(): T | undefined {
    const { items, rank } = this;
    const top = items[0];
    const last = items.pop();
    if (items.length === 0 || last === undefined) return top;
    const r = rank(last);
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= items.length) break;
      if (child + 1 < items.length && rank(items[child + 1]!) < rank(items[child]!)) child += 1;
      if (rank(items[child]!) >= r) break;
      items[i] = items[child]!;
      i = child;
    }
    items[i] = last;
    return top;
  }

  clear(): void {
    this.items.length = 0;
  }
}
