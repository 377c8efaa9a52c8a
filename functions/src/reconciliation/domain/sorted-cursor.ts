/** A source handed over out of order: matching it would report false exceptions, so the run fails instead. */
export class SourceOrderError extends Error {
  override readonly name = 'SourceOrderError';
}


/**
 * Reads a sorted stream one key group at a time: a few lines with the same key (a duplicate) are all
 * it ever holds. A key smaller than the one before means the source is not sorted: the run stops.
 */
export class SortedCursor<T> {
  private readonly iterator: AsyncIterator<T>;
  private head: { value: T } | null | undefined = undefined; // undefined: not read yet; null: exhausted
  private lastKey: string | undefined;

  constructor(source: AsyncIterable<T>, private readonly keyOf: (item: T) => string, private readonly name: string) {
    this.iterator = source[Symbol.asyncIterator]();
  }

  async peekKey(): Promise<string | undefined> {
    if (this.head === undefined) {
      const next = await this.iterator.next();
      this.head = next.done ? null : { value: next.value };
      if (this.head !== null) {
        const key = this.keyOf(this.head.value);
        if (this.lastKey !== undefined && key < this.lastKey) throw new SourceOrderError(`The ${this.name} is not sorted by reference: ${key} came after ${this.lastKey}`);
        this.lastKey = key;
      }
    }
    return this.head === null ? undefined : this.keyOf(this.head.value);
  }

  async takeGroup(): Promise<T[]> {
    const key = await this.peekKey();
    const group: T[] = [];
    while (key !== undefined && (await this.peekKey()) === key) {
      group.push((this.head as { value: T }).value);
      this.head = undefined;
    }
    return group;
  }
}
