/**
 * An unbounded async FIFO with one consumer: producers `push`, the consumer
 * iterates; `close()` ends the iteration after what was pushed. Bounds come
 * from the protocol around it (the coordinator keeps at most `maxInFlight`
 * shards outstanding, so at most that many outcomes wait here).
 */
export class Channel<T> implements AsyncIterable<T> {
  readonly #items: T[] = [];
  #head = 0;
  #closed = false;
  #wake: (() => void) | null = null;

  get size(): number {
    return this.#items.length - this.#head;
  }

  push(item: T): void {
    if (this.#closed) return;
    this.#items.push(item);
    this.#wake?.();
  }

  close(): void {
    this.#closed = true;
    this.#wake?.();
  }

  get closed(): boolean {
    return this.#closed;
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    for (;;) {
      if (this.#head < this.#items.length) {
        const item = this.#items[this.#head++];
        // Compact now and then so a long run does not keep every item ever pushed.
        if (this.#head > 1024 && this.#head * 2 > this.#items.length) {
          this.#items.splice(0, this.#head);
          this.#head = 0;
        }
        yield item;
        continue;
      }
      if (this.#closed) return;
      await new Promise<void>((resolve) => (this.#wake = resolve));
      this.#wake = null;
    }
  }
}
