// A min-heap of things due at a time: the backups whose deletion finishes or whose retention runs out. Taking
// what is due costs log n per item, whatever else is stored, so no request ever walks the store to expire.
export class TimeHeap<T> {
  #items: { at: number; value: T }[] = [];

  get size(): number {
    return this.#items.length;
  }

  /** Adds `value`, due at `at` (milliseconds since the epoch). */
  push(at: number, value: T): void {
    const items = this.#items;
    items.push({ at, value });
    let index = items.length - 1;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if ((items[parent] as { at: number }).at <= at) break;
      [items[parent], items[index]] = [
        items[index] as { at: number; value: T },
        items[parent] as { at: number; value: T },
      ];
      index = parent;
    }
  }

  /** Takes out the earliest item if it is due at or before `now`. */
  popDue(now: number): T | undefined {
    const items = this.#items;
    const first = items[0];
    if (!first || first.at > now) return undefined;
    const last = items.pop() as { at: number; value: T };
    if (items.length > 0) {
      items[0] = last;
      let index = 0;
      for (;;) {
        const left = index * 2 + 1;
        const right = left + 1;
        let smallest = index;
        if (left < items.length && (items[left] as { at: number }).at < (items[smallest] as { at: number }).at)
          smallest = left;
        if (right < items.length && (items[right] as { at: number }).at < (items[smallest] as { at: number }).at)
          smallest = right;
        if (smallest === index) break;
        [items[smallest], items[index]] = [
          items[index] as { at: number; value: T },
          items[smallest] as { at: number; value: T },
        ];
        index = smallest;
      }
    }
    return first.value;
  }

  clear(): void {
    this.#items = [];
  }
}
